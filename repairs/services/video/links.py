"""The tenant's side: opening the texted link, and answering about recording.

Opening the link shows the question and uses nothing up (a phone's link preview may
fetch it first); answering uses the link, so it cannot be used again by anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update

from common.i18n import N_
from repairs.audit import record
from repairs.models import VideoCall
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, NOT_FOUND, ServiceError
from repairs.services.operation import operation
from repairs.services.video.calls import call_for
from repairs.services.video.summary import tenant_actor
from repairs.services.video.tickets import InvalidTicket, read_link

# The codes a tenant's page needs to say why a link no longer works.
LINK_USED = "link_used"
LINK_EXPIRED = "link_expired"


def _not_found() -> ServiceError:
    return ServiceError(NOT_FOUND, N_("This link is not right. Check the text we sent you."))


@operation
def open_video_link(ctx: Context, token: str) -> VideoCall:
    """The call a link is for, if it is genuine, the newest, unused and in time."""
    try:
        call_id, version = read_link(ctx.policy.video_link_secret, token)
    except InvalidTicket:
        raise _not_found() from None
    try:
        call = call_for(ctx, call_id)
    except ServiceError:
        raise _not_found() from None
    if call.link_used_at is not None:
        raise ServiceError(LINK_USED, N_("This link has already been used"))
    if call.is_over or version != call.link_version or ctx.now() >= call.link_expires_at:
        raise ServiceError(LINK_EXPIRED, N_("This link has expired"))
    return call


@dataclass(frozen=True)
class JoinCall:
    token: str
    consent_to_record: bool | None


@operation
def join_video_call(ctx: Context, join: JoinCall) -> VideoCall:
    """Use the link: record the tenant's answer about recording; the call is theirs."""
    if join.consent_to_record is None:
        raise ServiceError.invalid(
            {"consent": N_("Select yes if you agree to us recording the call")}
        )
    call = open_video_link(ctx, join.token)
    now = ctx.now()
    # One statement, so two phones racing with the same link cannot both win.
    used = ctx.session.execute(
        update(VideoCall)
        .where(VideoCall.id == call.id, VideoCall.link_used_at.is_(None))
        .values(
            link_used_at=now,
            consent_to_record=join.consent_to_record,
            status="joined",
        )
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:
        raise ServiceError(CONFLICT, N_("This link has already been used"))
    ctx.session.refresh(call)
    record(
        ctx.session,
        call.repair,
        "video_call_joined",
        tenant_actor(call),
        changes={"consent_to_record": (None, join.consent_to_record)},
        at=now,
    )
    return call
