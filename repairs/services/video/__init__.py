"""Video calls: start one from a repair, join it from a texted link, see the problem,
keep stills, record the outcome; recordings deleted after the retention period.

The media itself runs in the video service (the ``video`` package, its own process);
these operations are what it and the portal call, like every other channel.
"""

from repairs.services.video.calls import (
    Invited,
    StartVideoCall,
    call_for,
    calls_on,
    cancel_video_call,
    staff_ticket,
    start_video_call,
    tenant_ticket,
    video_suggested,
)
from repairs.services.video.files import media_path, recording_key
from repairs.services.video.ice import IceConfig, IceServer
from repairs.services.video.links import (
    LINK_EXPIRED,
    LINK_USED,
    JoinCall,
    join_video_call,
    open_video_link,
)
from repairs.services.video.media import (
    AttachStill,
    MediaEnded,
    UploadInstead,
    attach_still,
    may_join,
    media_connected,
    media_ended,
    upload_instead,
)
from repairs.services.video.outcome import SettleByVideo, settle_by_video
from repairs.services.video.retention import Purged, purge_recordings
from repairs.services.video.tickets import InvalidTicket, Ticket, read_ticket, sign_ticket

__all__ = [
    "LINK_EXPIRED",
    "LINK_USED",
    "AttachStill",
    "IceConfig",
    "IceServer",
    "InvalidTicket",
    "Invited",
    "JoinCall",
    "MediaEnded",
    "Purged",
    "SettleByVideo",
    "StartVideoCall",
    "Ticket",
    "UploadInstead",
    "attach_still",
    "call_for",
    "calls_on",
    "cancel_video_call",
    "join_video_call",
    "may_join",
    "media_connected",
    "media_ended",
    "media_path",
    "open_video_link",
    "purge_recordings",
    "read_ticket",
    "recording_key",
    "settle_by_video",
    "sign_ticket",
    "staff_ticket",
    "start_video_call",
    "tenant_ticket",
    "upload_instead",
    "video_suggested",
]
