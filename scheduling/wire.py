"""The JSON shapes of the scheduling API, shared by the server and the HTTP adapter."""

from __future__ import annotations

from datetime import date, datetime

from scheduling.port import Booking, Job, JobMove, OperativeEvent, Replan, Slot

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


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def move_to_json(move: JobMove) -> dict:
    return {
        "booking_reference": move.booking_reference,
        "job_reference": move.job_reference,
        "window": move.window,
        "from_operative_id": move.from_operative_id,
        "to_operative_id": move.to_operative_id,
        "planned_start_before": (
            move.planned_start_before.isoformat() if move.planned_start_before else None
        ),
        "planned_start": move.planned_start.isoformat() if move.planned_start else None,
    }


def move_from_json(data: dict) -> JobMove:
    return JobMove(
        booking_reference=data["booking_reference"],
        job_reference=data["job_reference"],
        window=data["window"],
        from_operative_id=int(data["from_operative_id"]),
        to_operative_id=int(data["to_operative_id"]),
        planned_start_before=_moment(data.get("planned_start_before")),
        planned_start=_moment(data.get("planned_start")),
    )


def replan_to_json(replan: Replan) -> dict:
    return {
        "day": replan.day.isoformat(),
        "status": replan.status,
        "reference": replan.reference,
        "jobs": replan.jobs,
        "km_before": replan.km_before,
        "km_after": replan.km_after,
        "moves": [move_to_json(m) for m in replan.moves],
        "reordered": replan.reordered,
        "solver_seconds": replan.solver_seconds,
        "reason": replan.reason,
    }


def replan_from_json(data: dict) -> Replan:
    return Replan(
        day=date.fromisoformat(data["day"]),
        status=data["status"],
        reference=data.get("reference"),
        jobs=int(data.get("jobs", 0)),
        km_before=float(data.get("km_before", 0.0)),
        km_after=float(data.get("km_after", 0.0)),
        moves=tuple(move_from_json(m) for m in data.get("moves") or ()),
        reordered=int(data.get("reordered", 0)),
        solver_seconds=float(data.get("solver_seconds", 0.0)),
        reason=str(data.get("reason") or ""),
    )
