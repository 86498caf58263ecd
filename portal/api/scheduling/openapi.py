"""The OpenAPI 3 description of the scheduling API, served at ``/scheduling/v1/openapi.json``."""

from __future__ import annotations

from portal.api.scheduling.schemas import schemas

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
_INTEGER = {"type": "integer"}


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
                "first), book them without ever overfilling a day, dispatch emergencies "
                "to whoever can arrive soonest (on shift or on call), and keep the "
                "on-call rota. Emergencies carry two targets: attend (an operative "
                "arrives) and make safe, in hours from the dispatch. Authenticate with "
                "'Authorization: Bearer <token>'; tokens come from 'flask scheduling "
                "token create NAME'."
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
            "/dispatches": {
                "post": {
                    "summary": "Dispatch an emergency to the operative who can arrive soonest",
                    "description": (
                        "Chooses among operatives on shift (from the job they are on, or "
                        "home before their day) and on call (from home, or their last "
                        "call-out). The booking carries the promised arrival and both "
                        "targets. When nobody can arrive within the attend target the "
                        "answer is 409 'attend_target_missed' and nothing is booked, "
                        "unless 'accept_late' is true: the problem names the soonest "
                        "arrival and who. When nobody can make it safe in time: 409 "
                        "'no_operative'. 'displaced' lists booked appointments the "
                        "on-call operative's rest after this call-out breaks: rebook them."
                    ),
                    "requestBody": _json_body("Dispatch"),
                    "responses": {
                        "201": _answer("Dispatched", "Booking"),
                        **_booking_errors(409, 422),
                    },
                }
            },
            "/oncall": {
                "get": {
                    "summary": "The on-call rota for a day, with the emergency targets",
                    "parameters": [_query("date", _DATE, "The day (London); today if left out")],
                    "responses": {"200": _answer("The rota", "Rota"), **_booking_errors(422)},
                }
            },
            "/oncall/duties": {
                "post": {
                    "summary": "Put an operative on call",
                    "description": (
                        "For trades the operative holds, at most 24 hours, never while on "
                        "shift, away or already on call. After a call-out, the rest rule "
                        "pushes the start of the operative's next shift."
                    ),
                    "requestBody": _json_body("DutyRequest"),
                    "responses": {
                        "201": _answer("On the rota", "Duty"),
                        **_booking_errors(422),
                    },
                }
            },
            "/oncall/duties/{id}": {
                "delete": {
                    "summary": "Take a duty off the rota (not once it has taken a call-out)",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": _INTEGER}
                    ],
                    "responses": {
                        "200": _answer("Removed", "Duty"),
                        **_booking_errors(404, 409),
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
            "schemas": schemas(),
        },
    }
