"""The JSON shapes of the scheduling API, shared by the server and the HTTP adapter."""

from __future__ import annotations

from datetime import date, datetime

from scheduling.port import (
    Booking,
    InvalidJob,
    Job,
    JobMove,
    OnCallDuty,
    OperativeEvent,
    Replan,
    Rota,
    Slot,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Times outside these years are mistakes, and some would overflow date arithmetic.
PLANNED_YEARS = (2000, 2100)


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


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _read_moment(value) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def booking_to_json(booking: Booking) -> dict:
    return {
        "reference": booking.reference,
        "job_reference": booking.job_reference,
        "status": booking.status,
        "idempotency_key": booking.idempotency_key,
        "slot": slot_to_json(booking.slot),
        "planned_start": _moment(booking.planned_start),
        "replaces": booking.replaces,
        "promised_arrival": _moment(booking.promised_arrival),
        "attend_by": _moment(booking.attend_by),
        "make_safe_by": _moment(booking.make_safe_by),
        "attend_met": booking.attend_met,
        "make_safe_met": booking.make_safe_met,
        "on_call": booking.on_call,
        "displaced": list(booking.displaced),
        "reassigned": [{"from": old, "to": new} for old, new in booking.reassigned],
    }


def booking_from_json(data: dict) -> Booking:
    return Booking(
        reference=data["reference"],
        job_reference=data["job_reference"],
        slot=slot_from_json(data["slot"]),
        status=data["status"],
        idempotency_key=data["idempotency_key"],
        planned_start=_read_moment(data.get("planned_start")),
        replaces=data.get("replaces"),
        promised_arrival=_read_moment(data.get("promised_arrival")),
        attend_by=_read_moment(data.get("attend_by")),
        make_safe_by=_read_moment(data.get("make_safe_by")),
        attend_met=data.get("attend_met"),
        make_safe_met=data.get("make_safe_met"),
        on_call=bool(data.get("on_call", False)),
        displaced=tuple(data.get("displaced") or ()),
        reassigned=tuple((m["from"], m["to"]) for m in data.get("reassigned") or ()),
    )


def duty_to_json(duty: OnCallDuty) -> dict:
    return {
        "id": duty.id,
        "operative_id": duty.operative_id,
        "operative_name": duty.operative_name,
        "starts_at": duty.starts_at.isoformat(),
        "ends_at": duty.ends_at.isoformat(),
        "trades": sorted(duty.trades),
        "patches": sorted(duty.patches),
        "max_callouts": duty.max_callouts,
        "kind": duty.kind,
        "callouts": duty.callouts,
    }


def duty_from_json(data) -> OnCallDuty:
    """A duty from a JSON body (a new one, or one the core answered with), field by field."""
    errors: dict[str, str] = {}
    if not isinstance(data, dict):
        raise InvalidJob("send a JSON object", {"body": "must be a JSON object"})
    operative = _whole(data.get("operative_id"))
    if operative is None or not 1 <= operative < 2**31:
        errors["operative_id"] = "give the operative's id, a whole number"
    moments = {}
    for name in ("starts_at", "ends_at"):
        try:
            moments[name] = datetime.fromisoformat(str(data.get(name)))
        except ValueError:
            errors[name] = "give an ISO 8601 time with its UTC offset"
            continue
        if moments[name].tzinfo is None:
            errors[name] = "include the UTC offset"
        elif not PLANNED_YEARS[0] <= moments[name].year <= PLANNED_YEARS[1]:
            errors[name] = "a time from 2000 to 2100"
    names = {}
    for name in ("trades", "patches"):
        value = data.get(name, [] if name == "patches" else None)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors[name] = "give a list of names"
        else:
            names[name] = frozenset(v.strip() for v in value if v.strip())
    cap = data.get("max_callouts")
    if cap is not None and (_whole(cap) is None or not 1 <= cap <= 20):
        errors["max_callouts"] = "from 1 to 20 call-outs, or leave it out"
    if errors:
        raise InvalidJob("the duty cannot be read", errors)
    return OnCallDuty(
        operative_id=operative,
        starts_at=moments["starts_at"],
        ends_at=moments["ends_at"],
        trades=names["trades"],
        patches=names["patches"],
        max_callouts=cap,
        id=_whole(data.get("id")),
        kind=str(data.get("kind") or ""),
        callouts=_whole(data.get("callouts")) or 0,
        operative_name=str(data.get("operative_name") or ""),
    )


def _whole(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def rota_to_json(rota: Rota) -> dict:
    return {
        "date": rota.day.isoformat(),
        "attend_hours": rota.attend_hours,
        "make_safe_hours": rota.make_safe_hours,
        "rest_hours": rota.rest_hours,
        "max_callouts": rota.max_callouts,
        "duties": [duty_to_json(d) for d in rota.duties],
    }


def rota_from_json(data: dict) -> Rota:
    return Rota(
        day=date.fromisoformat(data["date"]),
        attend_hours=float(data["attend_hours"]),
        make_safe_hours=float(data["make_safe_hours"]),
        rest_hours=float(data["rest_hours"]),
        max_callouts=int(data["max_callouts"]),
        duties=tuple(duty_from_json(d) for d in data.get("duties", [])),
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
        "patch": job.patch,
        "earliest": job.earliest.isoformat() if job.earliest else None,
        "latest": job.latest.isoformat() if job.latest else None,
        "preferred_days": ",".join(WEEKDAYS[d] for d in sorted(job.preferred_days)) or None,
        "preferred_windows": ",".join(sorted(job.preferred_windows)) or None,
        "limit": limit,
    }
    return {key: value for key, value in params.items() if value is not None}


def dispatch_to_json(
    job: Job, idempotency_key: str | None = None, accept_late: bool = False
) -> dict:
    """An emergency as the body of a dispatch: only the members the API declares."""
    body = {
        "job_reference": job.reference,
        "trade": job.trade,
        "duration": job.duration_minutes,
        "priority": job.priority,
        "latitude": job.latitude,
        "longitude": job.longitude,
        "uprn": job.uprn,
        "patch": job.patch,
        "idempotency_key": idempotency_key,
        "accept_late": True if accept_late else None,
    }
    return {key: value for key, value in body.items() if value is not None}


def move_to_json(move: JobMove) -> dict:
    return {
        "booking_reference": move.booking_reference,
        "job_reference": move.job_reference,
        "window": move.window,
        "from_operative_id": move.from_operative_id,
        "to_operative_id": move.to_operative_id,
        "planned_start_before": _moment(move.planned_start_before),
        "planned_start": _moment(move.planned_start),
    }


def move_from_json(data: dict) -> JobMove:
    return JobMove(
        booking_reference=data["booking_reference"],
        job_reference=data["job_reference"],
        window=data["window"],
        from_operative_id=int(data["from_operative_id"]),
        to_operative_id=int(data["to_operative_id"]),
        planned_start_before=_read_moment(data.get("planned_start_before")),
        planned_start=_read_moment(data.get("planned_start")),
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
