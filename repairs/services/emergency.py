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
from scheduling import CoreUnavailable, NoOperativeAvailable

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
    try:
        booking = ctx.core.dispatch(job_for(repair), idempotency_key=key)
    except (NoOperativeAvailable, CoreUnavailable) as error:
        reason = (
            "No qualified operative can reach this emergency in time"
            if isinstance(error, NoOperativeAvailable)
            else "The scheduling core did not answer"
        )
        record(ctx.session, repair, "dispatch_failed", actor, note=reason, at=ctx.now())
        item = open_item(ctx, actor, "emergency_unassigned", repair=repair, note=reason)
        return Dispatched(repair, None, item)
    appointment = keep_promise(ctx, actor, repair, booking, key)
    arrival = appointment.starts_at
    transition(
        ctx.session,
        repair,
        "dispatched",
        actor,
        kind="dispatched",
        changes={"operative": (None, booking.slot.operative_id), "arrival": (None, arrival)},
        at=ctx.now(),
    )
    close_items(ctx, repair, ("emergency_unassigned",), "dispatched")
    notify.tenant(ctx, repair, "emergency_dispatched", appointment)
    return Dispatched(repair, appointment)
