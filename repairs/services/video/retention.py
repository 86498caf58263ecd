"""Recordings are kept for the configured period, then deleted; the trail says when.

Stills stay: they are the repair's photos. Recordings and uploaded videos show the inside
of someone's home, so they go once the retention period after the call has passed, and
so do files no call claims (a video service that stopped before it could report one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from repairs.audit import record
from repairs.models import VideoCall
from repairs.services.context import Context
from repairs.services.video.files import media_path
from repairs.services.video.summary import VIDEO_SERVICE


@dataclass(frozen=True)
class Purged:
    calls: int
    files: int
    bytes: int


def _media_keys(call: VideoCall) -> list[str]:
    keys = [call.recording_key, *(call.uploads or [])]
    return [k for k in keys if k and (k.startswith("calls/") or k.startswith("uploads/"))]


def purge_recordings(ctx: Context) -> Purged:
    """Delete every recording and uploaded video older than the retention period."""
    now, root = ctx.now(), ctx.policy.recordings_dir
    cutoff = now - timedelta(days=ctx.policy.recording_retention_days)
    began = func.coalesce(VideoCall.ended_at, VideoCall.connected_at, VideoCall.invited_at)
    calls = files = size = 0
    # Each worker runs this daily: on PostgreSQL two at once each take their own calls.
    due = select(VideoCall).where(VideoCall.media_deleted_at.is_(None), began < cutoff)
    for call in ctx.session.scalars(due.with_for_update(skip_locked=True)):
        keys = _media_keys(call)
        if not keys:
            continue
        for key in keys:
            path = media_path(root, key)
            if path.exists():
                size += path.stat().st_size
                path.unlink()
                files += 1
        call.media_deleted_at = now
        calls += 1
        record(
            ctx.session,
            call.repair,
            "video_media_deleted",
            VIDEO_SERVICE,
            changes={"deleted": (keys, None)},
            note=f"kept {ctx.policy.recording_retention_days} days",
            at=now,
        )
    ctx.session.flush()
    claimed = {
        key
        for call in ctx.session.scalars(
            select(VideoCall).where(VideoCall.media_deleted_at.is_(None))
        )
        for key in _media_keys(call)
    }
    for folder in ("calls", "uploads"):
        for path in sorted((root / folder).glob("*/*")) if (root / folder).is_dir() else []:
            key = path.relative_to(root).as_posix()
            try:
                stat = path.stat()
                if path.is_file() and key not in claimed and stat.st_mtime < cutoff.timestamp():
                    path.unlink()
                    size, files = size + stat.st_size, files + 1
            except FileNotFoundError:
                continue  # another worker's purge took it first
    return Purged(calls, files, size)
