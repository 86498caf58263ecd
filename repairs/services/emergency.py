"""Emergencies: no slot to choose, someone sent at once, and never silently late.

When no operative can be sent (nobody qualified can reach the home in time, or the
scheduling core does not answer), the repair goes on the contact centre's queue at once,
so a person makes the call rather than the system leaving it waiting.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from common.i18n import N_
from repairs.audit import Actor, record
from repairs.lifecycle import transition
from repairs.models import Appointment, Repair, WorkItem
from repairs.services import notify
from repairs.services.access import repair_for
from repairs.services.booking import active_appointment, keep_promise
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, ServiceError
from repairs.services.jobs import job_for
from repairs.services.operation import operation
from repairs.services.queues import close_items, open_item
from scheduling import AttendTargetMissed, Booking, CoreUnavailable, NoOperativeAvailable

DISPATCHABLE = ("triaged", "awaiting_appointment", "no_access", "follow_on_needed", "on_hold")


@dataclass(frozen=True)
class Dispatched:
    repair: Repair
    appointment: Appointment | None
    queued: WorkItem | None = None


@operation
def dispatch_emergency(ctx: Context, actor: Actor, reference: str) -> Dispatched:
    """Send the soonest qualified operative to an emergency, or queue it for a person."""
    return send(ctx, actor, repair_for(ctx, actor, reference))


def send(ctx: Context, actor: Actor, repair: Repair) -> Dispatched:
    if repair.priority != "emergency":
        raise ServiceError(CONFLICT, N_("Only emergencies are sent straight to an operative"))
    if repair.status == "dispatched":
        current = active_appointment(ctx, repair)
        return Dispatched(repair, current)
    if repair.status not in DISPATCHABLE:
        raise ServiceError(
            CONFLICT,
            N_("Repair %(reference)s cannot be dispatched now", reference=repair.reference),
        )
    previous = ctx.session.scalar(
        select(func.count()).select_from(Appointment).where(Appointment.repair_id == repair.id)
    )
    key = f"dispatch:{repair.reference}:{previous}"
    job = job_for(repair)
    queued = None
    try:
        booking = ctx.core.dispatch(job, idempotency_key=key)
    except NoOperativeAvailable:
        return _unassigned(
            ctx, actor, repair, "Nobody qualified can make this emergency safe in time"
        )
    except CoreUnavailable:
        return _unassigned(ctx, actor, repair, "The scheduling core did not answer")
    except AttendTargetMissed as missed:
        # Never silently late: the soonest arrival is booked so someone is on the way, and
        # a person is told at once so they can find better.
        soonest = missed.earliest_arrival.isoformat() if missed.earliest_arrival else "unknown"
        note = f"Nobody can arrive within the attend target; the soonest is {soonest}"
        booking = ctx.core.dispatch(job, idempotency_key=key, accept_late=True)
        queued = open_item(ctx, actor, "emergency_unassigned", repair=repair, note=note)
    appointment = keep_promise(ctx, actor, repair, booking, key)
    arrival = appointment.starts_at
    transition(
        ctx.session,
        repair,
        "dispatched",
        actor,
        kind="dispatched",
        changes={
            "operative": (None, booking.slot.operative_id),
            "arrival": (None, arrival),
            "attend_by": (None, booking.attend_by),
            "on_call": (None, booking.on_call),
        },
        at=ctx.now(),
    )
    follow_the_core(ctx, actor, booking)
    if queued is None:
        close_items(ctx, repair, ("emergency_unassigned",), "dispatched")
    notify.tenant(ctx, repair, "emergency_dispatched", appointment)
    return Dispatched(repair, appointment, queued)


def _unassigned(ctx: Context, actor: Actor, repair: Repair, reason: str) -> Dispatched:
    record(ctx.session, repair, "dispatch_failed", actor, note=reason, at=ctx.now())
    item = open_item(ctx, actor, "emergency_unassigned", repair=repair, note=reason)
    return Dispatched(repair, None, item)


def follow_the_core(ctx: Context, actor: Actor, booking: Booking) -> None:
    """A call-out can move other promises: the operative's rest pushes their next morning.

    Jobs the core gave to a colleague keep their window, so the appointment follows its
    new booking quietly; jobs nobody could keep go on the queue to be rebooked with the
    tenant, never left with a promise nobody will keep.
    """
    for old, new in booking.reassigned:
        appointment = ctx.session.scalar(
            select(Appointment).where(Appointment.booking_reference == old)
        )
        if appointment is None:
            continue
        moved = ctx.core.get_booking(new)
        before = appointment.operative_id
        appointment.booking_reference = new
        appointment.operative_id = moved.slot.operative_id
        record(
            ctx.session,
            appointment.repair,
            "appointment_reassigned",
            actor,
            changes={"operative": (before, moved.slot.operative_id)},
            note="the operative rests after a night call-out",
            at=ctx.now(),
        )
    for reference in booking.displaced:
        appointment = ctx.session.scalar(
            select(Appointment).where(Appointment.booking_reference == reference)
        )
        if appointment is not None:
            open_item(
                ctx,
                actor,
                "rebook_needed",
                repair=appointment.repair,
                person_id=appointment.repair.reported_by_id,
                note="The operative must rest after a night call-out: book another time",
            )
