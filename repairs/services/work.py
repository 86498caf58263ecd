"""Working the contact centre's queues: taking an item assigns it to you; finishing it
records what was done. Both leave a line in the repair's audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from common.i18n import N_
from repairs.audit import Actor, record
from repairs.models import OutboundMessage, Repair, WorkItem
from repairs.services.access import TRIAGE_ROLES, require_staff
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, NOT_FOUND, ServiceError
from repairs.services.operation import clean_text, operation
from repairs.services.queues import open_item

# Queues whose rows are repairs found by a condition, not items someone asked for.
DERIVED_KINDS = ("no_appointment", "near_target", "awaab_clock")


@dataclass(frozen=True)
class TakeWork:
    """What to take: ``item:<id>``, ``repair:<reference>`` on a derived queue of ``kind``,
    or ``message:<id>`` for a message that failed."""

    kind: str
    key: str


def _not_found() -> ServiceError:
    return ServiceError(NOT_FOUND, N_("That item is no longer on the queue"))


@operation
def take_work(ctx: Context, actor: Actor, request: TakeWork) -> WorkItem:
    """Assign an item to ``actor``. A derived row becomes an item the first time it is
    taken; an item someone else holds passes to ``actor`` (the audit says who had it)."""
    require_staff(actor, TRIAGE_ROLES)
    what, _, raw = str(request.key).partition(":")
    if what == "item" and raw.isdigit():
        item = ctx.session.get(WorkItem, int(raw))
        if item is None or item.kind != request.kind or not item.is_open:
            raise _not_found()
    elif what == "repair" and request.kind in DERIVED_KINDS:
        repair = ctx.session.scalar(select(Repair).where(Repair.reference == raw[:12]))
        if repair is None or not repair.is_open:
            raise _not_found()
        item = open_item(ctx, actor, request.kind, repair=repair, person_id=repair.reported_by_id)
    elif what == "message" and raw.isdigit() and request.kind == "message_failed":
        message = ctx.session.get(OutboundMessage, int(raw))
        if message is None or message.status != "failed":
            raise _not_found()
        repair = ctx.session.get(Repair, message.repair_id) if message.repair_id else None
        item = open_item(
            ctx,
            actor,
            "message_failed",
            repair=repair,
            person_id=message.person_id,
            note=f"{message.purpose}: {message.last_error or ''}"[:200],
        )
    else:
        raise _not_found()
    if item.status == "assigned" and item.assigned_to_id == actor.id:
        return item
    previous = item.assigned_to.name if item.assigned_to else None
    item.status, item.assigned_to_id, item.assigned_at = "assigned", actor.id, ctx.now()
    if item.repair is not None:
        record(
            ctx.session,
            item.repair,
            "work_taken",
            actor,
            changes={"assigned_to": (previous, actor.label), "queue": (None, item.kind)},
            at=ctx.now(),
        )
    ctx.session.flush()
    return item


@dataclass(frozen=True)
class FinishWork:
    item_id: int
    outcome: str


@operation
def finish_work(ctx: Context, actor: Actor, request: FinishWork) -> WorkItem:
    """Close an item you hold, saying what was done."""
    require_staff(actor, TRIAGE_ROLES)
    item = ctx.session.get(WorkItem, request.item_id)
    if item is None or not item.is_open:
        raise _not_found()
    if item.assigned_to_id != actor.id:
        raise ServiceError(CONFLICT, N_("Take the item before you mark it as done"))
    try:
        outcome = clean_text(request.outcome, ctx.policy.max_reason)
    except ValueError:
        raise ServiceError.invalid(
            {
                "outcome": N_(
                    "Say what was done in %(limit)s characters or fewer",
                    limit=ctx.policy.max_reason,
                )
            }
        ) from None
    if not outcome:
        raise ServiceError.invalid({"outcome": N_("Say what was done")})
    item.status, item.closed_at, item.outcome = "done", ctx.now(), outcome
    if item.repair is not None:
        record(
            ctx.session,
            item.repair,
            "work_done",
            actor,
            changes={"queue": (item.kind, None)},
            note=outcome,
            at=ctx.now(),
        )
    ctx.session.flush()
    return item
