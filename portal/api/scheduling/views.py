"""The API's routes: one port operation each, committed by the request."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app, jsonify, request

from portal.api.problems import from_error
from portal.api.scheduling.blueprint import bp
from portal.api.scheduling.openapi import document
from portal.extensions import db
from portal.wiring import embedded_core_for
from scheduling.port import EVENT_KINDS, InvalidJob, OperativeEvent, SchedulingError
from scheduling.wire import booking_to_json, job_from_params, replan_to_json, slot_to_json


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
        return booking_to_json(_core().dispatch(job, data.get("idempotency_key") or None))

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


@bp.post("/replans")
def replan_day():
    """Re-plan one future day; a plan that breaks a promise or saves too little is discarded."""

    def run():
        data = _body()
        try:
            day = date.fromisoformat(_string(data, "day"))
        except ValueError:
            raise InvalidJob("bad day", {"day": "a date like 2026-12-01"}) from None
        seconds = data.get("time_limit_seconds")
        if seconds is not None and (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 1 <= seconds <= 600
        ):
            raise InvalidJob("bad time limit", {"time_limit_seconds": "from 1 to 600 seconds"})
        key = data.get("idempotency_key") or request.headers.get("Idempotency-Key") or None
        if key is not None and not isinstance(key, str):
            raise InvalidJob("bad key", {"idempotency_key": "a string of 8 to 80 characters"})
        return replan_to_json(_core().replan(day, key, seconds))

    return _run(run)
