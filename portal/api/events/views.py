"""``POST /api/v1/events``: what happened in the field, from a remote scheduling core or a
works-management system. Idempotent by event id: a retried delivery gets the first
answer again and changes nothing."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, g, jsonify, request
from sqlalchemy import select

from common.i18n import N_
from portal.api.events.blueprint import bp
from portal.api.events.openapi import document
from portal.extensions import db
from portal.problems import from_error, from_service_error, problem
from portal.wiring import services
from repairs.models import FieldEventRecord
from repairs.services import FieldReport, ServiceError, record_field_event
from scheduling import SchedulingError

FIELDS = ("id", "booking_reference", "kind", "occurred_at", "operative_id", "note")


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.post("/events")
def receive_event():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return problem(422, "invalid_request", "Send the event as a JSON object")
    try:
        report = _report(data)
        ctx = services()
        seen = db.session.scalar(
            select(FieldEventRecord.id).where(FieldEventRecord.event_id == report.event_id)
        )
        if seen is None and not current_app.config.get("SCHEDULING_CORE_URL"):
            # Our own core holds the booking: it records the event and tells the repairs
            # (its subscriber records it), so the two sides cannot disagree.
            ctx.core.report_event(report.to_port())
        outcome = record_field_event(ctx, report, source=f"api:{g.api_client}")
    except ServiceError as error:
        db.session.rollback()
        return from_service_error(error)
    except SchedulingError as error:
        db.session.rollback()
        return from_error(error)
    db.session.commit()
    return jsonify(
        {
            "id": outcome.event_id,
            "duplicate": seen is not None,
            "applied": outcome.applied,
            "repair_reference": outcome.repair_reference,
            "repair_status": outcome.status,
        }
    ), 200


def _report(data: dict) -> FieldReport:
    errors = {}
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        errors["body"] = N_("Unknown fields: %(names)s", names=", ".join(unknown)[:200])
    when = data.get("occurred_at")
    try:
        occurred = datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        occurred = None
    if occurred is None or occurred.tzinfo is None:
        errors["occurred_at"] = N_("Give the time in ISO 8601 with its UTC offset")
    operative = data.get("operative_id")
    if operative is not None and (not isinstance(operative, int) or isinstance(operative, bool)):
        errors["operative_id"] = N_("Give the operative's id as a whole number")
    for name in ("id", "booking_reference", "kind"):
        if not isinstance(data.get(name), str):
            errors[name] = N_("Give %(name)s as text", name=name)
    note = data.get("note", "")
    if not isinstance(note, str):
        errors["note"] = N_("Give the note as text")
    if errors:
        raise ServiceError.invalid(errors)
    return FieldReport(
        event_id=data["id"],
        booking_reference=data["booking_reference"],
        kind=data["kind"],
        occurred_at=occurred,
        operative_id=operative,
        note=note,
    )
