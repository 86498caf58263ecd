"""The OpenAPI 3 description of the scheduling API, served at ``/scheduling/v1/openapi.json``."""

from __future__ import annotations

from scheduling.port import EVENT_KINDS, PRIORITIES, REPLAN_STATUSES

_PROBLEM = {"$ref": "#/components/responses/Problem"}


def _query(name: str, schema: dict, description: str, required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


_REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}
_STRING = {"type": "string"}
_DATE = {"type": "string", "format": "date"}


def _json_body(schema: str) -> dict:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _answer(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _booking_errors(*statuses: int) -> dict:
    return {str(status): _PROBLEM for status in (401, *statuses)}


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Scheduling core",
            "version": "1.0.0",
            "description": (
                "Offer appointment slots a real operative can reach (least added travel "
                "first), book them without ever overfilling a day, and dispatch "
                "emergencies. Authenticate with 'Authorization: Bearer <token>'; tokens "
                "come from 'flask scheduling token create NAME'."
            ),
        },
        "servers": [{"url": "/scheduling/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document"}},
                }
            },
            "/slots": {
                "get": {
                    "summary": "Slots offered for a job",
                    "parameters": [
                        _query("trade", _STRING, "The trade the job needs", required=True),
                        _query(
                            "duration", {"type": "integer", "minimum": 1}, "Minutes on site", True
                        ),
                        _query("latitude", {"type": "number"}, "Where the job is (or give uprn)"),
                        _query("longitude", {"type": "number"}, "Where the job is"),
                        _query("uprn", _STRING, "The home's UPRN, instead of coordinates"),
                        _query("earliest", _DATE, "First day to offer"),
                        _query("latest", _DATE, "Last day to offer (capped at the target)"),
                        _query(
                            "limit",
                            {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                            "How many slots",
                        ),
                        _query(
                            "priority",
                            {"type": "string", "enum": ["urgent", "routine"]},
                            "Sets the target date",
                        ),
                        _query("preferred_days", _STRING, "Comma-separated: mon,tue,..."),
                        _query("preferred_windows", _STRING, "Comma-separated window names"),
                        _query("job_reference", _STRING, "For the logs"),
                    ],
                    "responses": {
                        "200": _answer("Slots, best first", "SlotList"),
                        **_booking_errors(422),
                    },
                }
            },
            "/bookings": {
                "post": {
                    "summary": "Book a slot",
                    "requestBody": _json_body("BookingRequest"),
                    "responses": {
                        "201": _answer("Booked (or the booking this key already made)", "Booking"),
                        **_booking_errors(409, 422),
                    },
                }
            },
            "/bookings/{reference}": {
                "get": {
                    "summary": "Read a booking",
                    "parameters": [_REFERENCE],
                    "responses": {"200": _answer("The booking", "Booking"), **_booking_errors(404)},
                }
            },
            "/bookings/{reference}/cancel": {
                "post": {
                    "summary": "Cancel a booking, releasing its place",
                    "parameters": [_REFERENCE],
                    "responses": {
                        "200": _answer("Cancelled", "Booking"),
                        **_booking_errors(404, 409),
                    },
                }
            },
            "/bookings/{reference}/rebook": {
                "post": {
                    "summary": "Move a booking to another slot, atomically",
                    "parameters": [_REFERENCE],
                    "requestBody": _json_body("RebookRequest"),
                    "responses": {
                        "201": _answer("The new booking", "Booking"),
                        **_booking_errors(404, 409, 422),
                    },
                }
            },
            "/bookings/{reference}/events": {
                "post": {
                    "summary": "Record a field event (on the way, arrived, ...)",
                    "parameters": [_REFERENCE],
                    "requestBody": _json_body("Event"),
                    "responses": {
                        "200": _answer("The booking after the event", "Booking"),
                        **_booking_errors(404, 409, 422),
                    },
                }
            },
            "/replans": {
                "post": {
                    "summary": "Re-plan a future day's jobs for less travel, keeping every window",
                    "description": (
                        "Re-assigns and re-orders the day's booked jobs among qualified "
                        "operatives. Every job keeps its promised window; started, dispatched "
                        "and pinned jobs stay with their operative. The plan is applied only if "
                        "it keeps every promise and saves at least the core's margin; "
                        "otherwise the answer is 'discarded' and nothing moves. A core that "
                        "plans its own days answers 'self_planned'. 409 replan_conflict: "
                        "bookings changed while the solver ran; send the request again."
                    ),
                    "requestBody": _json_body("ReplanRequest"),
                    "responses": {
                        "200": _answer("What the re-plan did", "Replan"),
                        **_booking_errors(409, 422),
                    },
                }
            },
            "/dispatches": {
                "post": {
                    "summary": "Dispatch an emergency to the nearest operative who can make it",
                    "requestBody": _json_body("Job"),
                    "responses": {
                        "201": _answer("Dispatched", "Booking"),
                        **_booking_errors(409, 422),
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Problem": {
                    "description": "An RFC 9457 problem; 'code' names the kind",
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                }
            },
            "schemas": _schemas(),
        },
    }


def _schemas() -> dict:
    string, number = {"type": "string"}, {"type": "number"}
    time = {"type": "string", "format": "date-time"}
    return {
        "Slot": {
            "type": "object",
            "required": ["id", "window", "starts_at", "ends_at"],
            "properties": {
                "id": string,
                "window": string,
                "starts_at": time,
                "ends_at": time,
                "operative_id": {"type": "integer", "nullable": True},
                "added_travel_km": number,
                "score": number,
            },
        },
        "SlotList": {
            "type": "object",
            "properties": {
                "slots": {"type": "array", "items": {"$ref": "#/components/schemas/Slot"}}
            },
        },
        "Booking": {
            "type": "object",
            "required": ["reference", "job_reference", "status", "slot", "idempotency_key"],
            "properties": {
                "reference": string,
                "job_reference": string,
                "status": string,
                "idempotency_key": string,
                "slot": {"$ref": "#/components/schemas/Slot"},
                "planned_start": {**time, "nullable": True},
                "replaces": {"type": "string", "nullable": True},
            },
        },
        "BookingRequest": {
            "type": "object",
            "required": ["slot_id", "job_reference", "idempotency_key"],
            "properties": {
                "slot_id": string,
                "job_reference": {"type": "string", "maxLength": 40},
                "idempotency_key": {"type": "string", "minLength": 8, "maxLength": 80},
            },
        },
        "RebookRequest": {
            "type": "object",
            "required": ["slot_id", "idempotency_key"],
            "properties": {"slot_id": string, "idempotency_key": string},
        },
        "Job": {
            "type": "object",
            "required": ["job_reference", "trade", "duration"],
            "properties": {
                "job_reference": string,
                "trade": string,
                "duration": {"type": "integer"},
                "priority": {"type": "string", "enum": list(PRIORITIES)},
                "latitude": number,
                "longitude": number,
                "uprn": string,
                "idempotency_key": string,
            },
        },
        "ReplanRequest": {
            "type": "object",
            "required": ["day"],
            "properties": {
                "day": {"type": "string", "format": "date"},
                "idempotency_key": {"type": "string", "minLength": 8, "maxLength": 80},
                "time_limit_seconds": {"type": "number", "minimum": 1, "maximum": 600},
            },
        },
        "JobMove": {
            "type": "object",
            "required": [
                "booking_reference",
                "job_reference",
                "window",
                "from_operative_id",
                "to_operative_id",
            ],
            "properties": {
                "booking_reference": string,
                "job_reference": string,
                "window": string,
                "from_operative_id": {"type": "integer"},
                "to_operative_id": {"type": "integer"},
                "planned_start_before": {**time, "nullable": True},
                "planned_start": {**time, "nullable": True},
            },
        },
        "Replan": {
            "type": "object",
            "required": ["day", "status"],
            "properties": {
                "day": {"type": "string", "format": "date"},
                "status": {"type": "string", "enum": list(REPLAN_STATUSES)},
                "reference": {"type": "string", "nullable": True},
                "jobs": {"type": "integer"},
                "km_before": number,
                "km_after": number,
                "moves": {"type": "array", "items": {"$ref": "#/components/schemas/JobMove"}},
                "reordered": {"type": "integer"},
                "solver_seconds": number,
                "reason": string,
            },
        },
        "Event": {
            "type": "object",
            "required": ["id", "kind"],
            "properties": {
                "id": string,
                "kind": {"type": "string", "enum": list(EVENT_KINDS)},
                "occurred_at": time,
                "note": string,
            },
        },
        "Problem": {
            "type": "object",
            "properties": {
                "type": string,
                "title": string,
                "status": {"type": "integer"},
                "detail": string,
                "code": string,
                "invalid_params": {"type": "array", "items": {"type": "object"}},
            },
        },
    }
