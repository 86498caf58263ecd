"""The parts every API's OpenAPI document shares: problem answers and small builders."""

from __future__ import annotations

# RFC 9457, with the 'code' every answer of ours carries and the fields a 422 names.
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        # attend_target_missed and no_operative: the targets, and who could come soonest.
        "attend_by": {"type": "string", "format": "date-time", "nullable": True},
        "make_safe_by": {"type": "string", "format": "date-time", "nullable": True},
        "earliest_arrival": {"type": "string", "format": "date-time", "nullable": True},
        "operative_id": {"type": "integer", "nullable": True},
        "on_call": {"type": "boolean", "nullable": True},
    },
}
# What each error status means in these APIs (the 'code' says which case it is).
PROBLEMS = {
    400: "The body is not valid JSON (bad_request)",
    401: "No token, or not a live one (unauthorised)",
    404: "What the request names does not exist (booking_not_found, uprn_not_found, ...)",
    409: (
        "The request is valid but the state forbids it: the slot has gone, the booking is "
        "closed, no operative can make it, or the idempotency key made another booking"
    ),
    415: "The body is not sent as application/json (unsupported_media_type)",
    422: "Some values are not valid; 'invalid_params' names each one (invalid_request)",
}


def problem_responses() -> dict:
    return {
        f"Problem{status}": {
            "description": description,
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for status, description in PROBLEMS.items()
    }


def errors(*statuses: int) -> dict:
    return {str(s): {"$ref": f"#/components/responses/Problem{s}"} for s in statuses}


def answer(description: str, schema: str, links: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if links:
        response["links"] = links
    return response


def json_body(schema: str) -> dict:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def openapi_path() -> dict:
    return {
        "get": {
            "operationId": "openapi",
            "summary": "This document",
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI document",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
