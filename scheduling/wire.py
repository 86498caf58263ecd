"""The JSON shapes of the scheduling API, shared by the server and the HTTP adapter."""

from __future__ import annotations

from datetime import datetime

from scheduling.port import Booking, Job, OperativeEvent, Slot

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def slot_to_json(slot: Slot) -> dict:
    return {
        "id": slot.id,
        "window": slot.window,
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat(),
        "operative_id": slot.operative_id,
        "added_travel_km": slot.added_travel_km,
        "score": slot.score,
    }


def slot_from_json(data: dict) -> Slot:
    return Slot(
        id=data["id"],
        window=data["window"],
        starts_at=datetime.fromisoformat(data["starts_at"]),
        ends_at=datetime.fromisoformat(data["ends_at"]),
        operative_id=data.get("operative_id"),
        added_travel_km=float(data.get("added_travel_km", 0.0)),
        score=float(data.get("score", 0.0)),
    )


def booking_to_json(booking: Booking) -> dict:
    return {
        "reference": booking.reference,
        "job_reference": booking.job_reference,
        "status": booking.status,
        "idempotency_key": booking.idempotency_key,
        "slot": slot_to_json(booking.slot),
        "planned_start": booking.planned_start.isoformat() if booking.planned_start else None,
        "replaces": booking.replaces,
    }


def booking_from_json(data: dict) -> Booking:
    planned = data.get("planned_start")
    return Booking(
        reference=data["reference"],
        job_reference=data["job_reference"],
        slot=slot_from_json(data["slot"]),
        status=data["status"],
        idempotency_key=data["idempotency_key"],
        planned_start=datetime.fromisoformat(planned) if planned else None,
        replaces=data.get("replaces"),
    )


def event_to_json(event: OperativeEvent) -> dict:
    return {
        "id": event.id,
        "kind": event.kind,
        "occurred_at": event.occurred_at.isoformat(),
        "note": event.note,
    }


def job_to_params(job: Job, limit: int | None = None) -> dict:
    """A job as the query of an offer; unset values omitted."""
    params = {
        "job_reference": job.reference,
        "trade": job.trade,
        "duration": job.duration_minutes,
        "priority": job.priority,
        "latitude": job.latitude,
        "longitude": job.longitude,
        "uprn": job.uprn,
        "earliest": job.earliest.isoformat() if job.earliest else None,
        "latest": job.latest.isoformat() if job.latest else None,
        "preferred_days": ",".join(WEEKDAYS[d] for d in sorted(job.preferred_days)) or None,
        "preferred_windows": ",".join(sorted(job.preferred_windows)) or None,
        "limit": limit,
    }
    return {key: value for key, value in params.items() if value is not None}


def dispatch_to_json(job: Job, idempotency_key: str | None = None) -> dict:
    """An emergency as the body of a dispatch: only the members the API declares."""
    body = {
        "job_reference": job.reference,
        "trade": job.trade,
        "duration": job.duration_minutes,
        "priority": job.priority,
        "latitude": job.latitude,
        "longitude": job.longitude,
        "uprn": job.uprn,
        "idempotency_key": idempotency_key,
    }
    return {key: value for key, value in body.items() if value is not None}
