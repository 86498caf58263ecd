"""The landlord's rules for the services, read once from configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from common.windows import DEFAULT_WINDOWS, parse_windows
from repairs.messaging.content import Letterhead


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


@dataclass(frozen=True)
class Policy:
    landlord_name: str = "Trent Vale Homes"
    landlord_phone: str = "0115 496 0000"
    # Tenants may not change or cancel an appointment on its own day (staff may).
    no_changes_on_the_day: bool = True
    # How many slots one offer shows, and how long words may be.
    offer_limit: int = 10
    max_description: int = 2000
    max_reason: int = 200
    max_photos: int = 5
    max_photo_bytes: int = 10 * 1024 * 1024
    # The appointment windows tenants may prefer (their names, as configured).
    windows: tuple[str, ...] = ("morning", "afternoon", "all_day", "school_run")
    # Where photos are kept (created on first use); the channel never sees the path.
    upload_dir: Path = Path("instance/uploads")
    # Where the message catalogues are, to write messages in the tenant's language.
    translations_dir: Path = Path("translations")
    # A reply to "How did we do?" counts for this long after the question.
    satisfaction_reply_days: int = 14
    # The address tenants use, for the links in their messages.
    public_base_url: str = "http://127.0.0.1:5000"
    # Video calls: the keys that sign tenants' links and the video service's tickets,
    # how long each lasts, where recordings live and how long they are kept.
    video_link_secret: str = field(default="", repr=False)
    video_ticket_secret: str = field(default="", repr=False)
    video_link_minutes: int = 30
    video_ticket_seconds: int = 60
    recordings_dir: Path = Path("instance/recordings")
    recording_retention_days: int = 90
    max_stills: int = 20
    max_video_bytes: int = 50 * 1024 * 1024
    max_video_seconds: int = 60

    @classmethod
    def from_config(cls, config: Mapping, root: Path) -> Policy:
        base = cls()
        get = config.get
        upload_dir = Path(get("UPLOAD_DIR") or root / "instance" / "uploads")
        windows = parse_windows(get("SCHEDULING_WINDOWS") or DEFAULT_WINDOWS)
        return cls(
            windows=tuple(w.name for w in windows),
            landlord_name=get("LANDLORD_NAME", base.landlord_name),
            landlord_phone=get("LANDLORD_PHONE", base.landlord_phone),
            no_changes_on_the_day=_bool(get("NO_CHANGES_ON_THE_DAY", base.no_changes_on_the_day)),
            upload_dir=upload_dir,
            translations_dir=root / "translations",
            public_base_url=str(get("PUBLIC_BASE_URL") or base.public_base_url).rstrip("/"),
            video_link_secret=get("VIDEO_LINK_SECRET", ""),
            video_ticket_secret=get("VIDEO_TICKET_SECRET", ""),
            video_link_minutes=int(get("VIDEO_LINK_MINUTES", base.video_link_minutes)),
            video_ticket_seconds=int(get("VIDEO_TICKET_SECONDS", base.video_ticket_seconds)),
            recordings_dir=Path(get("VIDEO_RECORDINGS_DIR") or root / "instance" / "recordings"),
            recording_retention_days=int(
                get("VIDEO_RETENTION_DAYS", base.recording_retention_days)
            ),
            max_video_bytes=int(get("VIDEO_UPLOAD_MAX_MB", 50)) * 1024 * 1024,
            max_video_seconds=int(get("VIDEO_UPLOAD_MAX_SECONDS", base.max_video_seconds)),
        )

    @property
    def letterhead(self) -> Letterhead:
        """Who messages come from and where their links point."""
        return Letterhead(
            self.landlord_name, self.landlord_phone, self.public_base_url, self.translations_dir
        )
