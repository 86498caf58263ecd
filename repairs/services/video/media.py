"""What happens in a call: the video service's reports, stills, and uploads instead.

The video service reports when the tenant's camera connected and when the call ended
(with the recording, if the tenant agreed to one); staff take stills, which join the
repair's photos; a tenant whose phone cannot do video calls uploads photos or a video.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from common.i18n import N_
from repairs.audit import Actor, record
from repairs.models import VideoCall
from repairs.services.access import require_staff
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, ServiceError
from repairs.services.operation import operation
from repairs.services.photos import store_photo
from repairs.services.video.calls import call_for
from repairs.services.video.files import is_photo, store_video
from repairs.services.video.summary import END_REASONS, VIDEO_SERVICE, finish, tenant_actor


def may_join(ctx: Context, call_id: str, role: str) -> bool:
    """Whether the video service should let ``role`` into the call now."""
    try:
        call = call_for(ctx, call_id)
    except ServiceError:
        return False
    if role == "tenant":
        return call.status in ("joined", "live")
    return not call.is_over


@operation
def media_connected(ctx: Context, call_id: str, at: datetime) -> VideoCall:
    """The tenant's camera reached the video service: the call has begun."""
    call = call_for(ctx, call_id)
    if call.status == "joined":
        call.status, call.connected_at = "live", at
        record(ctx.session, call.repair, "video_call_started", VIDEO_SERVICE, at=at)
    return call


@dataclass(frozen=True)
class MediaEnded:
    call_id: str
    at: datetime
    reason: str
    recording_key: str | None = None
    recording_bytes: int | None = None


@operation
def media_ended(ctx: Context, ended: MediaEnded) -> VideoCall:
    """The video service closed the call; the summary goes in the audit trail once."""
    call = call_for(ctx, ended.call_id)
    reason = ended.reason if ended.reason in END_REASONS else "failed"
    if not call.is_over:
        finish(
            ctx,
            call,
            VIDEO_SERVICE,
            reason,
            at=ended.at,
            recording_key=ended.recording_key if call.consent_to_record else None,
            recording_bytes=ended.recording_bytes,
        )
    return call


@dataclass(frozen=True)
class AttachStill:
    call_id: str
    data: bytes


@operation
def attach_still(ctx: Context, actor: Actor, still: AttachStill) -> str:
    """A frame staff took from the tenant's video, kept as one of the repair's photos."""
    require_staff(actor)
    call = call_for(ctx, still.call_id)
    if call.status != "live":
        raise ServiceError(CONFLICT, N_("Stills can only be taken while the call is live"))
    if len(call.stills or []) >= ctx.policy.max_stills:
        raise ServiceError.invalid(
            {"still": N_("Take up to %(limit)s stills a call", limit=ctx.policy.max_stills)}
        )
    key = store_photo(ctx, still.data)
    repair = call.repair
    repair.photos = [*(repair.photos or []), key]
    call.stills = [*(call.stills or []), key]
    record(
        ctx.session, repair, "video_still", actor, changes={"photos": (None, [key])}, at=ctx.now()
    )
    return key


@dataclass(frozen=True)
class UploadInstead:
    call_id: str
    data: bytes


@operation
def upload_instead(ctx: Context, upload: UploadInstead) -> str:
    """A photo (kept with the repair's photos) or a short video (kept with the call)."""
    call = call_for(ctx, upload.call_id)
    if call.status not in ("joined", "live"):
        raise ServiceError(CONFLICT, N_("This video call has ended"))
    if len(call.uploads or []) >= ctx.policy.max_stills:
        raise ServiceError.invalid(
            {"media": N_("Send up to %(limit)s files", limit=ctx.policy.max_stills)}
        )
    repair = call.repair
    if is_photo(upload.data):
        key = store_photo(ctx, upload.data)
        repair.photos = [*(repair.photos or []), key]
        changes = {"photos": (None, [key])}
    else:
        key = store_video(ctx, upload.data)
        changes = {"videos": (None, [key])}
    call.uploads = [*(call.uploads or []), key]
    record(ctx.session, repair, "video_upload", tenant_actor(call), changes=changes, at=ctx.now())
    return key
