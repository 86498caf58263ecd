"""The OpenAPI 3 description of the field-events API, served at ``/api/v1/openapi.json``.

Every constraint the server enforces is declared here, so a schema-valid request is
never refused for a reason the document does not state.
"""

from __future__ import annotations

from common.codes import FieldEvent, Status, values

_PROBLEM = {"$ref": "#/components/responses/Problem"}
# Identifiers from other systems: printable ASCII, no spaces.
_IDENTIFIER = r"^[!-~]+$"


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Field events",
            "version": "1.0.0",
            "description": (
                "What happened in the field (on the way, arrived, completed, no access, "
                "follow-on work needed), sent by a remote scheduling core or a "
                "works-management system. Each event id is recorded once: sending the same "
                "event again answers as the first time and changes nothing. Authenticate "
                "with 'Authorization: Bearer <token>' (a scheduling-API token, from "
                "'flask scheduling token create NAME')."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document"}},
                }
            },
            "/events": {
                "post": {
                    "summary": "Record a field event and move its repair on",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Event"}}
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Recorded (or recorded before: duplicate is true)",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/EventResult"}
                                }
                            },
                        },
                        "401": _PROBLEM,
                        "404": _PROBLEM,
                        "409": _PROBLEM,
                        "422": _PROBLEM,
                        "503": _PROBLEM,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Problem": {
                    "description": "A problem document (RFC 9457)",
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
    text = {"type": "string"}
    return {
        "Event": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "booking_reference", "kind", "occurred_at"],
            "properties": {
                "id": {"type": "string", "minLength": 1, "maxLength": 80, "pattern": _IDENTIFIER},
                "booking_reference": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 40,
                    "pattern": _IDENTIFIER,
                },
                "kind": {"type": "string", "enum": list(values(FieldEvent))},
                "occurred_at": {"type": "string", "format": "date-time"},
                "operative_id": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                "note": {"type": "string", "maxLength": 500},
            },
        },
        "EventResult": {
            "type": "object",
            "required": ["id", "duplicate", "applied", "repair_reference", "repair_status"],
            "properties": {
                "id": text,
                "duplicate": {"type": "boolean"},
                "applied": {"type": "boolean"},
                "repair_reference": {"type": "string", "nullable": True},
                "repair_status": {
                    "type": "string",
                    "nullable": True,
                    "enum": [*values(Status), None],
                },
            },
        },
        "Problem": {
            "type": "object",
            "required": ["title", "status"],
            "properties": {
                "type": text,
                "title": text,
                "status": {"type": "integer"},
                "detail": text,
                "code": text,
                "invalid_params": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": text, "reason": text},
                    },
                },
            },
        },
    }
