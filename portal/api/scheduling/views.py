"""The API's routes: one port operation each, committed by the request."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, jsonify

from common.calendar import LONDON
from portal.api.scheduling import requests as read
from portal.api.scheduling.blueprint import bp
from portal.api.scheduling.openapi import document
from portal.extensions import db
from portal.problems import from_error
from portal.wiring import embedded_core_for
from scheduling.port import BookingNotFound, OperativeEvent, SchedulingError
from scheduling.wire import (
    booking_to_json,
    duty_to_json,
    replan_to_json,
    rota_to_json,
    slot_to_json,
)


def _core():
    return embedded_core_for(current_app)


def _run(operation, status: int = 200):
    """Run one port operation as this request's unit of work."""
    try:
        result = operation()
    except SchedulingError as error:
        db.session.rollback()
        return from_error(error)
    db.session.commit()
    return jsonify(result), status


def _reference(reference: str) -> str:
    """A booking reference from the path; one that cannot exist is simply not found."""
    if not read.is_booking_reference(reference):
        raise BookingNotFound(f"there is no booking {reference[:16]!r}")
    return reference


@bp.get("/openapi.json")
def openapi():
    return jsonify(document(_core().settings))


@bp.get("/slots")
def list_slots():
    def offer():
        asked = read.offer_request(_core().settings)
        return {"slots": [slot_to_json(s) for s in _core().offer_slots(asked.job, asked.limit)]}

    return _run(offer)


@bp.post("/bookings")
def create_booking():
    def book():
        data = read.checked_body(read.BOOKING)
        booking = _core().book(data["slot_id"], data["job_reference"], data["idempotency_key"])
        return booking_to_json(booking)

    return _run(book, 201)


@bp.get("/bookings/<reference>")
def read_booking(reference: str):
    return _run(lambda: booking_to_json(_core().get_booking(_reference(reference))))


@bp.post("/bookings/<reference>/cancel")
def cancel_booking(reference: str):
    return _run(lambda: booking_to_json(_core().cancel(_reference(reference))))


@bp.post("/bookings/<reference>/rebook")
def rebook_booking(reference: str):
    def rebook():
        data = read.checked_body(read.REBOOKING)
        booking = _core().rebook(_reference(reference), data["slot_id"], data["idempotency_key"])
        return booking_to_json(booking)

    return _run(rebook, 201)


@bp.post("/dispatches")
def dispatch():
    def send():
        asked = read.dispatch_request()
        booking = _core().dispatch(asked.job, asked.idempotency_key, accept_late=asked.accept_late)
        return booking_to_json(booking)

    return _run(send, 201)


@bp.post("/bookings/<reference>/events")
def record_event(reference: str):
    def report():
        data = read.checked_body(read.EVENT)
        event = OperativeEvent(
            id=data["id"],
            booking_reference=_reference(reference),
            kind=data["kind"],
            occurred_at=data["occurred_at"] or datetime.now(UTC),
            note=data["note"],
        )
        return booking_to_json(_core().report_event(event))

    return _run(report)


@bp.post("/replans")
def replan_day():
    """Re-plan one future day; a plan that breaks a promise or saves too little is discarded."""

    def run():
        data = read.checked_body(read.REPLAN)
        replan = _core().replan(
            data["day"], data.get("idempotency_key"), data.get("time_limit_seconds")
        )
        return replan_to_json(replan)

    return _run(run)


@bp.get("/oncall")
def read_rota():
    def rota():
        values, errors = read.read_query(read.ROTA)
        read.refuse(errors)
        day = values["date"] or datetime.now(LONDON).date()
        return rota_to_json(_core().rota(day))

    return _run(rota)


@bp.post("/oncall/duties")
def add_duty():
    return _run(lambda: duty_to_json(_core().add_duty(read.duty_request())), 201)


@bp.delete("/oncall/duties/<int:duty_id>")
def remove_duty(duty_id: int):
    return _run(lambda: duty_to_json(_core().remove_duty(duty_id)))
