"""The API's routes: one port operation each, committed by the request."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app, jsonify, request

from common.calendar import LONDON
from portal.api.problems import from_error
from portal.api.scheduling.blueprint import bp
from portal.api.scheduling.openapi import document
from portal.extensions import db
from portal.wiring import embedded_core_for
from scheduling.port import EVENT_KINDS, InvalidJob, OperativeEvent, SchedulingError
from scheduling.wire import (
    booking_to_json,
    duty_from_json,
    duty_to_json,
    job_from_params,
    rota_to_json,
    slot_to_json,
)


def _core():
    return embedded_core_for(current_app)


def _body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidJob("send a JSON object", {"body": "must be a JSON object"})
    return data


def _run(operation, status: int = 200):
    """Run one port operation as this request's unit of work."""
    try:
        result = operation()
    except SchedulingError as error:
        db.session.rollback()
        return from_error(error)
    db.session.commit()
    return jsonify(result), status


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/slots")
def list_slots():
    def offer():
        job, limit = job_from_params(request.args)
        return {"slots": [slot_to_json(s) for s in _core().offer_slots(job, limit)]}

    return _run(offer)


def _string(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InvalidJob(f"{name} is missing", {name: "give a non-empty string"})
    return value.strip()


@bp.post("/bookings")
def create_booking():
    def book():
        data = _body()
        slot_id, job_reference = _string(data, "slot_id"), _string(data, "job_reference")
        key = data.get("idempotency_key") or request.headers.get("Idempotency-Key", "")
        booking = _core().book(
            slot_id, job_reference, _string({"idempotency_key": key}, "idempotency_key")
        )
        return booking_to_json(booking)

    return _run(book, 201)


@bp.get("/bookings/<reference>")
def read_booking(reference: str):
    return _run(lambda: booking_to_json(_core().get_booking(reference)))


@bp.post("/bookings/<reference>/cancel")
def cancel_booking(reference: str):
    return _run(lambda: booking_to_json(_core().cancel(reference)))


@bp.post("/bookings/<reference>/rebook")
def rebook_booking(reference: str):
    def rebook():
        data = _body()
        key = data.get("idempotency_key") or request.headers.get("Idempotency-Key", "")
        booking = _core().rebook(
            reference,
            _string(data, "slot_id"),
            _string({"idempotency_key": key}, "idempotency_key"),
        )
        return booking_to_json(booking)

    return _run(rebook, 201)


@bp.post("/dispatches")
def dispatch():
    def send():
        data = _body()
        job, _limit = job_from_params(data)
        late = data.get("accept_late", False)
        if not isinstance(late, bool):
            raise InvalidJob("accept_late must be true or false", {"accept_late": "a boolean"})
        key = data.get("idempotency_key") or None
        return booking_to_json(_core().dispatch(job, key, accept_late=late))

    return _run(send, 201)


@bp.post("/bookings/<reference>/events")
def record_event(reference: str):
    def report():
        data = _body()
        kind = _string(data, "kind")
        if kind not in EVENT_KINDS:
            raise InvalidJob("unknown event kind", {"kind": "one of " + ", ".join(EVENT_KINDS)})
        occurred = data.get("occurred_at")
        try:
            at = datetime.fromisoformat(occurred) if occurred else datetime.now(UTC)
        except (TypeError, ValueError):
            raise InvalidJob("bad time", {"occurred_at": "an ISO 8601 time"}) from None
        if at.tzinfo is None:
            raise InvalidJob("bad time", {"occurred_at": "include the UTC offset"})
        event = OperativeEvent(
            id=_string(data, "id"),
            booking_reference=reference,
            kind=kind,
            occurred_at=at,
            note=str(data.get("note") or "")[:500],
        )
        return booking_to_json(_core().report_event(event))

    return _run(report)


@bp.get("/oncall")
def read_rota():
    def rota():
        raw = request.args.get("date") or datetime.now(LONDON).date().isoformat()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise InvalidJob("bad date", {"date": "a date like 2026-12-01"}) from None
        return rota_to_json(_core().rota(day))

    return _run(rota)


@bp.post("/oncall/duties")
def add_duty():
    return _run(lambda: duty_to_json(_core().add_duty(duty_from_json(_body()))), 201)


@bp.delete("/oncall/duties/<int:duty_id>")
def remove_duty(duty_id: int):
    return _run(lambda: duty_to_json(_core().remove_duty(duty_id)))
