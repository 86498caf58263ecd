"""Starting a video call on a repair, and the tickets that let each side join it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from common.i18n import N_
from repairs.audit import Actor, record
from repairs.models import Repair, VideoCall, WorkItem
from repairs.services import notify
from repairs.services.access import repair_for, require_staff
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, NOT_FOUND, ServiceError
from repairs.services.operation import operation
from repairs.services.video.summary import finish
from repairs.services.video.tickets import Ticket, sign_link, sign_ticket


@dataclass(frozen=True)
class StartVideoCall:
    reference: str
    # The tenant's link is this address followed by the signed token.
    link_base: str


@dataclass(frozen=True)
class Invited:
    call: VideoCall
    link: str
    resent: bool = False


def video_suggested(ctx: Context, repair: Repair) -> bool:
    """Whether the rules say a video call would help diagnose this repair's problem."""
    if not repair.problem:
        return False
    try:
        return ctx.rules.leaf(repair.problem).video_helpful
    except KeyError:
        return False


def call_for(ctx: Context, call_id: object) -> VideoCall:
    """The call ``call_id``, or not found."""
    call = None
    if isinstance(call_id, str) and 0 < len(call_id) <= 32:
        call = ctx.session.scalar(select(VideoCall).where(VideoCall.public_id == call_id))
    if call is None:
        raise ServiceError(NOT_FOUND, N_("We could not find that video call"))
    return call


def calls_on(ctx: Context, repair: Repair) -> list[VideoCall]:
    return list(
        ctx.session.scalars(
            select(VideoCall)
            .where(VideoCall.repair_id == repair.id)
            .order_by(VideoCall.invited_at.desc(), VideoCall.id.desc())
        )
    )


@operation
def start_video_call(ctx: Context, actor: Actor, request: StartVideoCall) -> Invited:
    """Text the tenant who reported the repair a single-use link to a video call.

    A call not yet joined gets a fresh link instead (the old one stops working)."""
    require_staff(actor)
    repair = repair_for(ctx, actor, request.reference)
    if not repair.is_open:
        raise ServiceError(
            CONFLICT, N_("Repair %(reference)s is closed", reference=repair.reference)
        )
    if repair.reported_by is None:
        raise ServiceError(
            CONFLICT, N_("Nobody is recorded as reporting this repair, so we cannot text a link")
        )
    now, policy = ctx.now(), ctx.policy
    call = next((c for c in calls_on(ctx, repair) if not c.is_over), None)
    if call is not None and call.status != "invited":
        raise ServiceError(CONFLICT, N_("The tenant has already joined this call"))
    resent = call is not None
    if call is None:
        call = VideoCall(
            public_id=secrets.token_hex(12),
            repair_id=repair.id,
            person_id=repair.reported_by_id,
            started_by_id=actor.id,
            status="invited",
            invited_at=now,
            link_version=1,
            stills=[],
            uploads=[],
        )
        ctx.session.add(call)
    else:
        call.link_version += 1
    call.link_expires_at = now + timedelta(minutes=policy.video_link_minutes)
    ctx.session.flush()
    link = request.link_base + sign_link(
        policy.video_link_secret, call.public_id, call.link_version
    )
    sent = notify.tenant(
        ctx, repair, "video_call_link", link=link, minutes=policy.video_link_minutes
    )
    if sent is None:
        raise ServiceError(
            CONFLICT,
            N_("We cannot text this tenant (no mobile number, or they asked for no messages)"),
        )
    _take_queue_item(ctx, actor, repair)
    kind = "video_link_resent" if resent else "video_call_invited"
    record(ctx.session, repair, kind, actor, changes={"video_call": (None, call.public_id)}, at=now)
    return Invited(call, link, resent)


def _take_queue_item(ctx: Context, actor: Actor, repair: Repair) -> None:
    # A tenant who asked for a video call is being called: the item is this person's now.
    for item in ctx.session.scalars(
        select(WorkItem).where(
            WorkItem.repair_id == repair.id,
            WorkItem.kind == "video_triage",
            WorkItem.status == "open",
        )
    ):
        item.status, item.assigned_to_id, item.assigned_at = "assigned", actor.id, ctx.now()


@operation
def cancel_video_call(ctx: Context, actor: Actor, call_id: str) -> VideoCall:
    """Call off a call the tenant's camera never joined (its link stops working)."""
    require_staff(actor)
    call = call_for(ctx, call_id)
    if call.status == "live":
        raise ServiceError(CONFLICT, N_("The call is live: end it from the call page"))
    if not call.is_over:
        finish(ctx, call, actor, "cancelled", at=ctx.now())
    return call


@operation
def staff_ticket(ctx: Context, actor: Actor, call_id: str) -> str:
    """A ticket for a member of staff to join (or rejoin) the call."""
    require_staff(actor)
    call = call_for(ctx, call_id)
    if call.is_over:
        raise ServiceError(CONFLICT, N_("This video call has ended"))
    return sign_ticket(ctx.policy.video_ticket_secret, Ticket(call.public_id, "staff"))


@operation
def tenant_ticket(ctx: Context, call_id: str) -> str:
    """A ticket for the tenant who opened the call's link, carrying their consent."""
    call = call_for(ctx, call_id)
    if call.is_over:
        raise ServiceError(CONFLICT, N_("This video call has ended"))
    if call.status == "invited":
        raise ServiceError(NOT_FOUND, N_("We could not find that video call"))
    return sign_ticket(
        ctx.policy.video_ticket_secret,
        Ticket(call.public_id, "tenant", record=bool(call.consent_to_record)),
    )
