"""The video service's settings: plain values, read from the portal's validated config."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from repairs.services.video import IceConfig


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Settings:
    ticket_secret: str = field(repr=False)
    # Pages that may call the service from a browser (the portal's own address).
    allowed_origins: tuple[str, ...]
    recordings_dir: Path
    max_calls: int = 4
    max_call_seconds: float = 20 * 60
    # How long a peer may take to connect, and a call may stand empty, before closing.
    connect_seconds: float = 30
    ticket_seconds: int = 60
    ice: IceConfig = field(default_factory=IceConfig)

    @classmethod
    def from_config(cls, config: Mapping) -> Settings:
        return cls(
            ticket_secret=config["VIDEO_TICKET_SECRET"],
            allowed_origins=(origin_of(config["PUBLIC_BASE_URL"]),),
            recordings_dir=Path(config["VIDEO_RECORDINGS_DIR"]),
            max_calls=config["VIDEO_MAX_CALLS"],
            max_call_seconds=config["VIDEO_MAX_CALL_MINUTES"] * 60,
            connect_seconds=config["VIDEO_CONNECT_SECONDS"],
            ticket_seconds=config["VIDEO_TICKET_SECONDS"],
            ice=IceConfig.from_config(config),
        )
