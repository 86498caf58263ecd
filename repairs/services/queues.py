"""Putting work in front of a person: call-backs, video calls, triage a person must do.

The contact centre's queues read these items; the services add them whenever a tenant
asks, and whenever the system must not decide alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from common.calendar import local
from common.i18n import N_
from repairs.audit import Actor, record
from repairs.models import Repair, WorkItem
from repairs.phone import InvalidPhoneNumber, normalise_uk_mobile
from repairs.services.access import household_of, repair_for
from repairs.services.context import Context
from repairs.services.errors import NOT_FOUND, ServiceError
from repairs.services.operation import clean_text, operation


def open_item(
    ctx: Context,
    actor: Actor,
    kind: str,
    *,
    repair: Repair | None = None,
    person_id: int | None = None,
    note: str | None = None,
    phone: str | None = None,
) -> WorkItem:
    """An open item of ``kind``; an open one already there for the same repair and person
    is returned instead, so asking twice does not queue twice."""
    repair_id = repair.id if repair is not None else None
    existing = ctx.session.scalar(
        select(WorkItem).where(
            WorkItem.kind == kind,
            WorkItem.status.in_(("open", "assigned")),
            WorkItem.repair_id.is_(None) if repair_id is None else WorkItem.repair_id == repair_id,
            WorkItem.person_id.is_(None) if person_id is None else WorkItem.person_id == person_id,
        )
    )
    if existing is not None:
        return existing
    item = WorkItem(
        kind=kind,
        status="open",
        repair_id=repair_id,
        person_id=person_id,
        note=note,
        phone=phone,
        channel=actor.channel,
        requested_by=actor.label[:120],
        created_at=ctx.now(),
    )
    ctx.session.add(item)
    if repair is not None:
        record(ctx.session, repair, f"{kind}_queued", actor, note=note, at=ctx.now())
    ctx.session.flush()
    return item


# How soon a person should read words that may hide an emergency nobody asked about: the
# attend target of a real emergency is counted in hours.
SAFETY_REVIEW_WITHIN = timedelta(hours=1)


def second_look(ctx: Context, actor: Actor, repair: Repair, outcome) -> None:
    """Queue the words for a person when triage marked them for review (the outcome's
    ``review``: not an emergency, nothing for the channel to ask, yet a little like an
    emergency's), unless staff wrote them (they have read them) or the repair is already
    an emergency. Asking twice does not queue twice."""
    if not getattr(outcome, "review", False) or actor.is_staff or repair.priority == "emergency":
        return
    item = open_item(ctx, actor, "safety_review", repair=repair, person_id=repair.reported_by_id)
    if item.due_at is None:
        item.due_at = ctx.now() + SAFETY_REVIEW_WITHIN


def close_items(ctx: Context, repair: Repair, kinds: tuple[str, ...], outcome: str) -> None:
    for item in ctx.session.scalars(
        select(WorkItem).where(
            WorkItem.repair_id == repair.id,
            WorkItem.kind.in_(kinds),
            WorkItem.status.in_(("open", "assigned")),
        )
    ):
        item.status, item.closed_at, item.outcome = "done", ctx.now(), outcome


@dataclass(frozen=True)
class RequestCallback:
    person_id: int
    reference: str | None = None
    note: str = ""
    phone: str = ""


@operation
def request_callback(ctx: Context, actor: Actor, request: RequestCallback) -> WorkItem:
    """Ask the contact centre to call the tenant back (about a repair, or in general)."""
    if actor.is_tenant and actor.id != request.person_id:
        raise ServiceError(NOT_FOUND, N_("We could not find that person"))
    errors = {}
    try:
        note = clean_text(request.note, ctx.policy.max_reason)
    except ValueError:
        errors["note"] = N_("Tell us in %(limit)s characters or fewer", limit=ctx.policy.max_reason)
    phone = None
    if request.phone.strip():
        try:
            phone = normalise_uk_mobile(request.phone)
        except InvalidPhoneNumber:
            errors["phone"] = N_("Enter a UK phone number, like 07700 900 982")
    if errors:
        raise ServiceError.invalid(errors)
    if household_of(ctx.session, request.person_id, local(ctx.now()).date()) is None:
        raise ServiceError(NOT_FOUND, N_("We could not find that person"))
    repair = repair_for(ctx, actor, request.reference) if request.reference else None
    return open_item(
        ctx, actor, "callback", repair=repair, person_id=request.person_id, note=note, phone=phone
    )


@dataclass(frozen=True)
class RequestVideoTriage:
    reference: str
    note: str = ""


@operation
def request_video_triage(ctx: Context, actor: Actor, request: RequestVideoTriage) -> WorkItem:
    """Ask for a video call so someone can see the problem before sending anyone."""
    try:
        note = clean_text(request.note, ctx.policy.max_reason)
    except ValueError:
        raise ServiceError.invalid(
            {"note": N_("Tell us in %(limit)s characters or fewer", limit=ctx.policy.max_reason)}
        ) from None
    repair = repair_for(ctx, actor, request.reference)
    return open_item(
        ctx, actor, "video_triage", repair=repair, person_id=repair.reported_by_id, note=note
    )
