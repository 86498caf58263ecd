"""Field events: an operative on the way, arrived, finished, or unable to get in.

They come from the embedded scheduling core (its ``events`` hub) or, for a remote core or
a works-management system, through ``POST /api/v1/events``. Each event id counts once,
so a provider that retries changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from common.codes import FieldEvent
from common.i18n import N_
from repairs.audit import Actor, record
from repairs.lifecycle import path_to, transition
from repairs.models import Appointment, FieldEventRecord, Operative, Repair
from repairs.services import notify
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, NOT_FOUND, ServiceError
from repairs.services.operation import clean_text, operation
from repairs.services.triage import start_awaab_investigation
from scheduling import OperativeEvent

# From which repair statuses each event moves the repair, and to where.
MOVES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "on_the_way": (("booked", "dispatched"), None),
    "arrived": (("booked", "dispatched"), "in_progress"),
    "completed": (("booked", "dispatched", "in_progress"), "completed"),
    "no_access": (("booked", "dispatched"), "no_access"),
    "follow_on_needed": (("booked", "dispatched", "in_progress"), "follow_on_needed"),
}
APPOINTMENT_AFTER = {
    "completed": "attended",
    "follow_on_needed": "attended",
    "no_access": "no_access",
}


@dataclass(frozen=True)
class FieldReport:
    event_id: str
    booking_reference: str
    kind: str
    occurred_at: datetime
    operative_id: int | None = None
    note: str = ""

    @classmethod
    def from_port(cls, event: OperativeEvent) -> FieldReport:
        return cls(
            event.id,
            event.booking_reference,
            event.kind,
            event.occurred_at,
            event.operative_id,
            event.note,
        )

    def to_port(self) -> OperativeEvent:
        return OperativeEvent(
            id=self.event_id,
            booking_reference=self.booking_reference,
            kind=self.kind,
            occurred_at=self.occurred_at,
            operative_id=self.operative_id,
            note=self.note,
        )


@dataclass(frozen=True)
class FieldOutcome:
    event_id: str
    repair_reference: str | None
    applied: bool
    duplicate: bool
    status: str | None


@operation
def record_field_event(ctx: Context, report: FieldReport, source: str) -> FieldOutcome:
    """Record ``report`` once and move its repair through the lifecycle."""
    _check(ctx, report)
    seen = ctx.session.scalar(
        select(FieldEventRecord).where(FieldEventRecord.event_id == report.event_id)
    )
    if seen is not None:
        if (seen.booking_reference, seen.kind) != (report.booking_reference, report.kind):
            raise ServiceError(CONFLICT, N_("That event id was already used for another event"))
        repair = ctx.session.get(Repair, seen.repair_id) if seen.repair_id else None
        # The first answer again: a retry changes nothing.
        return FieldOutcome(
            report.event_id,
            repair.reference if repair else None,
            seen.outcome == "applied",
            True,
            repair.status if repair else None,
        )
    appointment = ctx.session.scalar(
        select(Appointment).where(Appointment.booking_reference == report.booking_reference)
    )
    if appointment is None:
        raise ServiceError(
            NOT_FOUND,
            N_("No appointment has booking %(booking)s", booking=report.booking_reference[:40]),
        )
    repair = appointment.repair
    actor = _operative(ctx, report.operative_id or appointment.operative_id)
    applied = _apply(ctx, actor, repair, appointment, report)
    ctx.session.add(
        FieldEventRecord(
            event_id=report.event_id,
            booking_reference=report.booking_reference,
            repair_id=repair.id,
            kind=report.kind,
            occurred_at=report.occurred_at,
            received_at=ctx.now(),
            source=source[:80],
            outcome="applied" if applied else "ignored",
            note=_note(report) or None,
        )
    )
    ctx.session.flush()
    return FieldOutcome(report.event_id, repair.reference, applied, False, repair.status)


def _apply(ctx, actor, repair: Repair, appointment: Appointment, report: FieldReport) -> bool:
    sources, target = MOVES[report.kind]
    if appointment.status != "booked" or repair.status not in sources:
        # Late or out of order (a job already closed, an appointment moved): keep the
        # record of it, change nothing.
        return False
    at = report.occurred_at
    if report.kind == "arrived" or (report.kind != "on_the_way" and not appointment.arrived_at):
        appointment.arrived_at = appointment.arrived_at or at
    if report.kind in APPOINTMENT_AFTER:
        appointment.status = APPOINTMENT_AFTER[report.kind]
        appointment.finished_at = at
    if report.kind != "no_access" and repair.hazard == "awaab_significant":
        start_awaab_investigation(ctx, actor, repair, appointment.arrived_at or at)
    if target is None:
        record(ctx.session, repair, report.kind, actor, note=_note(report) or None, at=at)
    else:
        steps = path_to(repair.status, target) or []
        for step in steps:
            final = step == steps[-1]
            transition(
                ctx.session,
                repair,
                step,
                actor,
                kind=report.kind if final else "status_changed",
                note=(_note(report) or None) if final else f"implied by {report.kind}",
                at=at,
            )
    purpose = {
        "on_the_way": "on_the_way",
        "completed": "completed",
        "no_access": "no_access",
        "follow_on_needed": "follow_on_needed",
    }.get(report.kind)
    if purpose:
        notify.tenant(ctx, repair, purpose, appointment)
    return True


def _note(report: FieldReport) -> str:
    # Notes are the operative's, kept as sent but for control characters and length.
    return clean_text(report.note if isinstance(report.note, str) else "", 100_000)[:500]


def _operative(ctx: Context, operative_id: int | None) -> Actor:
    operative = ctx.session.get(Operative, operative_id) if operative_id else None
    label = operative.name if operative else "operative"
    return Actor.operative(operative_id if operative else None, label)


def _check(ctx: Context, report: FieldReport) -> None:
    errors = {}
    if not isinstance(report.event_id, str) or not 1 <= len(report.event_id) <= 80:
        errors["id"] = N_("Give an event id of 1 to 80 characters")
    if (
        not isinstance(report.booking_reference, str)
        or not 1 <= len(report.booking_reference) <= 40
    ):
        errors["booking_reference"] = N_("Give a booking reference of 1 to 40 characters")
    if report.kind not in {k.value for k in FieldEvent}:
        errors["kind"] = N_("The kind must be one of the field events listed")
    when = report.occurred_at
    if not isinstance(when, datetime) or when.tzinfo is None:
        errors["occurred_at"] = N_("Give the time with its time zone")
    if errors:
        raise ServiceError.invalid(errors)
