"""The schemas of the scheduling API's OpenAPI document."""

from __future__ import annotations

from scheduling.port import EVENT_KINDS, PRIORITIES


def schemas() -> dict:
    """Every body the API reads or answers with."""
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
                    "items": string,
                    "description": (
                        "Bookings the rest after this call-out breaks and no colleague "
                        "could take over: rebook them with the tenant"
                    ),
                },
                "reassigned": {
                    "type": "array",
                    "description": (
                        "Bookings moved to a colleague, same day and window: the old "
                        "booking is 'rebooked', the new one replaces it"
                    ),
                    "items": {
                        "type": "object",
                        "properties": {"from": string, "to": string},
                    },
                },
            },
        },
        "Dispatch": {
            "allOf": [
                {"$ref": "#/components/schemas/Job"},
                {
                    "type": "object",
                    "properties": {
                        "accept_late": {
                            "type": "boolean",
                            "default": False,
                            "description": "Book the soonest arrival even past the attend target",
                        }
                    },
                },
            ]
        },
        "DutyRequest": {
            "type": "object",
            "required": ["operative_id", "starts_at", "ends_at", "trades"],
            "properties": {
                "operative_id": {"type": "integer"},
                "starts_at": time,
                "ends_at": time,
                "trades": {"type": "array", "items": string, "minItems": 1},
                "patches": {
                    "type": "array",
                    "items": string,
                    "description": "Empty or left out: the whole city",
                },
                "max_callouts": {"type": "integer", "minimum": 1, "maximum": 20},
            },
        },
        "Duty": {
            "allOf": [
                {"$ref": "#/components/schemas/DutyRequest"},
                {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "operative_name": string,
                        "kind": {
                            "type": "string",
                            "enum": ["weeknight", "weekend", "bank_holiday"],
                        },
                        "callouts": {"type": "integer"},
                    },
                },
            ]
        },
        "Rota": {
            "type": "object",
            "properties": {
                "date": {"type": "string", "format": "date"},
                "attend_hours": number,
                "make_safe_hours": number,
                "rest_hours": number,
                "max_callouts": {"type": "integer"},
                "duties": {"type": "array", "items": {"$ref": "#/components/schemas/Duty"}},
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
                "patch": {"type": "string", "description": "The home's patch, if known"},
                "idempotency_key": string,
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
                "attend_by": {**time, "description": "attend_target_missed, no_operative"},
                "make_safe_by": time,
                "earliest_arrival": {**time, "nullable": True},
                "operative_id": {"type": "integer", "nullable": True},
                "on_call": {"type": "boolean"},
            },
        },
    }
