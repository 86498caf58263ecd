"""The OpenAPI 3 description of the scheduling API, served at ``/scheduling/v1/openapi.json``.

Built from the same fields the views read requests with (``requests.py``), so what the
document declares is what the server enforces; the responses are checked against it by
Schemathesis in the test suite (``tests/api/test_schemathesis.py``).
"""

from __future__ import annotations

from portal.api import schema as common
from portal.api.fields import object_schema, query_parameter
from portal.api.scheduling import requests as rq
from scheduling.embedded.models import BOOKING_STATUSES
from scheduling.port import REPLAN_STATUSES
from scheduling.windows import Settings

_REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "description": "The booking's reference (404 if there is none)",
    "schema": {"type": "string", "pattern": rq.BOOKING_REFERENCE, "example": "SB-2K7Q4MXZ"},
}
_BY_REFERENCE = {"reference": "$response.body#/reference"}


def _links(*operations: str) -> dict:
    """Follow-up calls a booking's reference makes possible (for clients and for tests)."""
    return {
        name: {"operationId": name, "parameters": _BY_REFERENCE, "description": description}
        for name, description in (
            ("readBooking", "Read this booking"),
            ("cancelBooking", "Cancel it"),
            ("rebookBooking", "Move it to another slot"),
            ("recordEvent", "Record what happened in the field"),
        )
        if name in operations
    }


_AFTER_BOOKING = _links("readBooking", "cancelBooking", "rebookBooking", "recordEvent")


def document(settings: Settings) -> dict:
    """The document for a core planning with ``settings`` (its windows name the choices)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Scheduling core",
            "version": "1.0.0",
            "description": (
                "Offer appointment slots a real operative can reach (least added travel "
                "first), book them without ever overfilling a day, and dispatch "
                "emergencies. Authenticate with 'Authorization: Bearer <token>'; tokens "
                "come from 'flask scheduling token create NAME'. Every error is an RFC 9457 "
                "problem document (application/problem+json) whose 'code' names the kind."
            ),
        },
        "servers": [{"url": "/scheduling/v1"}],
        "security": [{"bearer": []}],
        "paths": _paths(settings),
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": common.problem_responses(),
            "schemas": _schemas(settings),
        },
    }


def _paths(settings: Settings) -> dict:
    answer, errors, body = common.answer, common.errors, common.json_body
    slot_query = [query_parameter(f) for f in rq.slot_query(settings)]
    return {
        "/openapi.json": common.openapi_path(),
        "/slots": {
            "get": {
                "operationId": "offerSlots",
                "summary": "Slots offered for a job, best first",
                "description": (
                    "Give the job's location as 'latitude' and 'longitude', or as the 'uprn' "
                    "of a home or block the core knows. A 'latest' day before 'earliest' "
                    "is an empty range: no slots."
                ),
                "parameters": [*slot_query, _location_parameter()],
                "responses": {
                    "200": answer(
                        "Slots, best first",
                        "SlotList",
                        links={
                            "bookFirstSlot": {
                                "operationId": "createBooking",
                                "requestBody": {"slot_id": "$response.body#/slots/0/id"},
                                "description": "Book the best slot",
                            }
                        },
                    ),
                    **errors(401, 404, 422),
                },
            }
        },
        "/bookings": {
            "post": {
                "operationId": "createBooking",
                "summary": "Book a slot",
                "requestBody": body("BookingRequest"),
                "responses": {
                    "201": answer(
                        "Booked (or the booking this key already made)",
                        "Booking",
                        links=_AFTER_BOOKING,
                    ),
                    **errors(400, 401, 409, 415, 422),
                },
            }
        },
        "/bookings/{reference}": {
            "get": {
                "operationId": "readBooking",
                "summary": "Read a booking",
                "parameters": [_REFERENCE],
                "responses": {"200": answer("The booking", "Booking"), **errors(401, 404)},
            }
        },
        "/bookings/{reference}/cancel": {
            "post": {
                "operationId": "cancelBooking",
                "summary": "Cancel a booking, releasing its place (again: no change)",
                "parameters": [_REFERENCE],
                "responses": {"200": answer("Cancelled", "Booking"), **errors(401, 404, 409)},
            }
        },
        "/bookings/{reference}/rebook": {
            "post": {
                "operationId": "rebookBooking",
                "summary": "Move a booking to another slot, atomically",
                "parameters": [_REFERENCE],
                "requestBody": body("RebookRequest"),
                "responses": {
                    "201": answer("The new booking", "Booking", links=_AFTER_BOOKING),
                    **errors(400, 401, 404, 409, 415, 422),
                },
            }
        },
        "/bookings/{reference}/events": {
            "post": {
                "operationId": "recordEvent",
                "summary": "Record a field event (on the way, arrived, ...)",
                "parameters": [_REFERENCE],
                "requestBody": body("Event"),
                "responses": {
                    "200": answer("The booking after the event", "Booking"),
                    **errors(400, 401, 404, 409, 415, 422),
                },
            }
        },
        "/replans": {
            "post": {
                "operationId": "replanDay",
                "summary": "Re-plan a future day's jobs for less travel, keeping every window",
                "description": (
                    "Re-assigns and re-orders the day's booked jobs among qualified "
                    "operatives. Every job keeps its promised window; started, dispatched "
                    "and pinned jobs stay with their operative. The plan is applied only if "
                    "it keeps every promise and saves at least the core's margin; "
                    "otherwise the answer is 'discarded' and nothing moves. A core that "
                    "plans its own days answers 'self_planned'. 409 replan_conflict: "
                    "bookings changed while the solver ran; send the request again. "
                    "409 day_not_plannable: the day has begun or lies past the horizon."
                ),
                "requestBody": body("ReplanRequest"),
                "responses": {
                    "200": answer("What the re-plan did", "Replan"),
                    **errors(400, 401, 409, 415, 422),
                },
            }
        },
        "/oncall": {
            "get": {
                "operationId": "readRota",
                "summary": "The on-call rota for a day, with the emergency targets",
                "parameters": [query_parameter(f) for f in rq.ROTA],
                "responses": {"200": answer("The rota", "Rota"), **errors(401, 422)},
            }
        },
        "/oncall/duties": {
            "post": {
                "operationId": "addDuty",
                "summary": "Put an operative on call",
                "description": (
                    "For trades the operative holds, at most 24 hours, never while on shift, "
                    "away or already on call (otherwise 409 duty_refused naming each rule "
                    "broken in invalid_params). After a "
                    "call-out, the rest rule pushes the start of the operative's next shift."
                ),
                "requestBody": body("DutyRequest"),
                "responses": {
                    "201": answer("On the rota", "Duty"),
                    **errors(400, 401, 409, 415, 422),
                },
            }
        },
        "/oncall/duties/{id}": {
            "delete": {
                "operationId": "removeDuty",
                "summary": "Take a duty off the rota (not once it has taken a call-out)",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                    }
                ],
                "responses": {"200": answer("Removed", "Duty"), **errors(401, 404, 409)},
            }
        },
        "/dispatches": {
            "post": {
                "operationId": "dispatchEmergency",
                "summary": "Dispatch an emergency to the operative who can arrive soonest",
                "description": (
                    "Chooses among operatives on shift (from the job they are on, or home "
                    "before their day) and on call (from home, or their last call-out). The "
                    "booking carries the promised arrival and both targets. When nobody can "
                    "arrive within the attend target the answer is 409 "
                    "'attend_target_missed' and nothing is booked, unless 'accept_late' is "
                    "true: the problem names the soonest arrival and who. When nobody can "
                    "make it safe in time: 409 'no_operative'. 'displaced' lists booked "
                    "appointments the on-call operative's rest after this call-out breaks."
                ),
                "requestBody": body("Job"),
                "responses": {
                    "201": answer("Dispatched", "Booking", links=_AFTER_BOOKING),
                    **errors(400, 401, 404, 409, 415, 422),
                },
            }
        },
    }


def _location_parameter() -> dict:
    # One object parameter, exploded into its own query members, so that the document can
    # say "latitude and longitude, or a UPRN": separate parameters could not.
    return {
        "name": "location",
        "in": "query",
        "required": True,
        "style": "form",
        "explode": True,
        "description": "Where the job is: 'latitude' and 'longitude', or 'uprn'",
        "schema": {
            "type": "object",
            "properties": {
                f.name: {**f.schema(), "description": f.description} for f in rq.LOCATION
            },
            **rq.LOCATION_RULE,
        },
    }


def _schemas(settings: Settings) -> dict:
    windows = [w.name for w in settings.windows]
    time = {"type": "string", "format": "date-time"}
    slot_id = {"type": "string", "minLength": 1, "maxLength": 200}
    return {
        "Slot": {
            "type": "object",
            "required": [
                "id",
                "window",
                "starts_at",
                "ends_at",
                "operative_id",
                "added_travel_km",
                "score",
            ],
            "properties": {
                "id": slot_id,
                "window": {"type": "string", "enum": [*windows, "emergency", "on_call"]},
                "starts_at": time,
                "ends_at": time,
                "operative_id": {"type": "integer", "nullable": True},
                "added_travel_km": {"type": "number", "minimum": 0},
                "score": {"type": "number"},
            },
        },
        "SlotList": {
            "type": "object",
            "required": ["slots"],
            "properties": {
                "slots": {
                    "type": "array",
                    "maxItems": 100,
                    "items": {"$ref": "#/components/schemas/Slot"},
                }
            },
        },
        "Booking": {
            "type": "object",
            "required": [
                "reference",
                "job_reference",
                "status",
                "idempotency_key",
                "slot",
                "planned_start",
                "replaces",
            ],
            "properties": {
                "reference": {"type": "string", "pattern": rq.BOOKING_REFERENCE},
                "job_reference": {"type": "string", "minLength": 1, "maxLength": 40},
                "status": {"type": "string", "enum": list(BOOKING_STATUSES)},
                "idempotency_key": {"type": "string", "minLength": 8, "maxLength": 80},
                "slot": {"$ref": "#/components/schemas/Slot"},
                "planned_start": {**time, "nullable": True},
                "replaces": {
                    "type": "string",
                    "pattern": rq.BOOKING_REFERENCE,
                    "nullable": True,
                    "description": "The booking this one moved from",
                },
                "promised_arrival": {
                    **time,
                    "nullable": True,
                    "description": "Emergencies: when the operative will arrive",
                },
                "attend_by": {**time, "nullable": True, "description": "The attend target"},
                "make_safe_by": {**time, "nullable": True, "description": "The make-safe target"},
                "attend_met": {"type": "boolean", "nullable": True},
                "make_safe_met": {"type": "boolean", "nullable": True},
                "on_call": {"type": "boolean", "description": "A call-out out of hours"},
                "displaced": {
                    "type": "array",
                    "items": {"type": "string", "pattern": rq.BOOKING_REFERENCE},
                    "description": (
                        "Bookings the rest after this call-out breaks and no colleague could "
                        "take over: rebook them with the tenant"
                    ),
                },
                "reassigned": {
                    "type": "array",
                    "description": (
                        "Bookings moved to a colleague, same day and window: the old booking "
                        "is 'rebooked', the new one replaces it"
                    ),
                    "items": {
                        "type": "object",
                        "required": ["from", "to"],
                        "properties": {
                            "from": {"type": "string", "pattern": rq.BOOKING_REFERENCE},
                            "to": {"type": "string", "pattern": rq.BOOKING_REFERENCE},
                        },
                    },
                },
            },
        },
        "DutyRequest": object_schema(rq.DUTY),
        "Duty": {
            "type": "object",
            "required": [
                "id",
                "operative_id",
                "operative_name",
                "starts_at",
                "ends_at",
                "trades",
                "patches",
                "max_callouts",
                "kind",
                "callouts",
            ],
            "properties": {
                "id": {"type": "integer", "nullable": True},
                "operative_id": {"type": "integer"},
                "operative_name": {"type": "string"},
                "starts_at": time,
                "ends_at": time,
                "trades": {"type": "array", "items": {"type": "string"}},
                "patches": {"type": "array", "items": {"type": "string"}},
                "max_callouts": {"type": "integer", "nullable": True},
                "kind": {"type": "string", "enum": ["weeknight", "weekend", "bank_holiday", ""]},
                "callouts": {"type": "integer", "minimum": 0},
            },
        },
        "Rota": {
            "type": "object",
            "required": [
                "date",
                "attend_hours",
                "make_safe_hours",
                "rest_hours",
                "max_callouts",
                "duties",
            ],
            "properties": {
                "date": {"type": "string", "format": "date"},
                "attend_hours": {"type": "number"},
                "make_safe_hours": {"type": "number"},
                "rest_hours": {"type": "number"},
                "max_callouts": {"type": "integer"},
                "duties": {"type": "array", "items": {"$ref": "#/components/schemas/Duty"}},
            },
        },
        "BookingRequest": object_schema(rq.BOOKING),
        "RebookRequest": object_schema(rq.REBOOKING),
        "Job": object_schema(rq.DISPATCH, **rq.LOCATION_RULE),
        "Event": object_schema(rq.EVENT),
        "ReplanRequest": object_schema(rq.REPLAN),
        "JobMove": {
            "type": "object",
            "required": [
                "booking_reference",
                "job_reference",
                "window",
                "from_operative_id",
                "to_operative_id",
                "planned_start_before",
                "planned_start",
            ],
            "properties": {
                "booking_reference": {"type": "string", "pattern": rq.BOOKING_REFERENCE},
                "job_reference": {"type": "string", "minLength": 1, "maxLength": 40},
                "window": {"type": "string", "enum": [*windows, "emergency"]},
                "from_operative_id": {"type": "integer"},
                "to_operative_id": {"type": "integer"},
                "planned_start_before": {**time, "nullable": True},
                "planned_start": {**time, "nullable": True},
            },
        },
        "Replan": {
            "type": "object",
            "required": [
                "day",
                "status",
                "reference",
                "jobs",
                "km_before",
                "km_after",
                "moves",
                "reordered",
                "solver_seconds",
                "reason",
            ],
            "properties": {
                "day": {"type": "string", "format": "date"},
                "status": {"type": "string", "enum": list(REPLAN_STATUSES)},
                "reference": {"type": "string", "nullable": True},
                "jobs": {"type": "integer", "minimum": 0},
                "km_before": {"type": "number", "minimum": 0},
                "km_after": {"type": "number", "minimum": 0},
                "moves": {"type": "array", "items": {"$ref": "#/components/schemas/JobMove"}},
                "reordered": {"type": "integer", "minimum": 0},
                "solver_seconds": {"type": "number", "minimum": 0},
                "reason": {"type": "string"},
            },
        },
        "Problem": common.PROBLEM_SCHEMA,
    }
