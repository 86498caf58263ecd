"""Where a call's media lives, and checking a video a tenant uploads instead of calling.

Recordings and uploaded videos live under the recordings folder (never the static
folder), named by keys we make; a key from outside is checked before it becomes a path.
An uploaded video is opened and checked by what it contains, then copied stream by
stream into a fresh file: the phone's metadata (its location above all) stays behind.
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path

import av
from PIL import Image, UnidentifiedImageError

from common.i18n import N_
from repairs.services.context import Context
from repairs.services.errors import ServiceError

_KEY = re.compile(r"^(calls|uploads)/[0-9a-f]{2}/[0-9a-f]{24,32}\.(mp4|webm)$")


def recording_key(call_id: str) -> str:
    return f"calls/{call_id[:2]}/{call_id}.mp4"


def media_path(recordings_dir: Path | str, key: str) -> Path:
    """The file for ``key``; a ValueError for anything that is not a key we made."""
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError("not a media key")
    return Path(recordings_dir) / key


def is_photo(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)):
            return True
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return False


def _refuse(text) -> ServiceError:
    return ServiceError.invalid({"media": text})


def store_video(ctx: Context, data: bytes) -> str:
    """Check ``data`` is a short video, keep a copy without metadata; returns its key."""
    policy = ctx.policy
    if not data:
        raise _refuse(N_("The selected file is empty"))
    if len(data) > policy.max_video_bytes:
        mb = policy.max_video_bytes // 1_048_576
        raise _refuse(N_("The video must be smaller than %(size)s MB", size=mb))
    wrong = N_("The selected file must be a photo or a video (MP4, MOV or WEBM)")
    try:
        with av.open(io.BytesIO(data)) as source:
            if not source.streams.video:
                raise _refuse(wrong)
            seconds = (source.duration or 0) / av.time_base
            if seconds > policy.max_video_seconds:
                raise _refuse(
                    N_(
                        "The video must be %(seconds)s seconds or shorter",
                        seconds=policy.max_video_seconds,
                    )
                )
            webm = "webm" in source.format.name or "matroska" in source.format.name
            kept = io.BytesIO()
            with av.open(kept, "w", format="webm" if webm else "mp4") as target:
                wanted = [source.streams.video[0], *source.streams.audio[:1]]
                streams = {s.index: target.add_stream_from_template(s) for s in wanted}
                for packet in source.demux(wanted):
                    if packet.dts is None:
                        continue
                    packet.stream = streams[packet.stream.index]
                    target.mux(packet)
    except (av.error.FFmpegError, ValueError, OSError):
        raise _refuse(wrong) from None
    name = secrets.token_hex(16)
    key = f"uploads/{name[:2]}/{name}.{'webm' if webm else 'mp4'}"
    path = media_path(policy.recordings_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(kept.getvalue())
    return key
