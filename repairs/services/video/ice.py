"""STUN and TURN servers for both ends of a call, from configuration.

With a TURN shared secret (coturn's ``use-auth-secret``) each ticket carries credentials
that expire with it, so a password copied out of a browser is soon worthless; a fixed
username and password are supported for TURN services that only offer those.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class IceServer:
    urls: tuple[str, ...]
    username: str | None = None
    credential: str | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, object]:
        entry: dict[str, object] = {"urls": list(self.urls)}
        if self.username is not None:
            entry.update(username=self.username, credential=self.credential)
        return entry


@dataclass(frozen=True)
class IceConfig:
    stun_urls: tuple[str, ...] = ()
    turn_urls: tuple[str, ...] = ()
    turn_secret: str = field(default="", repr=False)
    turn_username: str = ""
    turn_password: str = field(default="", repr=False)

    @classmethod
    def from_config(cls, config: Mapping) -> IceConfig:
        return cls(
            stun_urls=tuple(config.get("VIDEO_STUN_URLS", ())),
            turn_urls=tuple(config.get("VIDEO_TURN_URLS", ())),
            turn_secret=config.get("VIDEO_TURN_SECRET", ""),
            turn_username=config.get("VIDEO_TURN_USERNAME", ""),
            turn_password=config.get("VIDEO_TURN_PASSWORD", ""),
        )

    def servers(self, *, now: float, user: str, lifetime: int) -> list[IceServer]:
        """The servers to hand a peer; TURN credentials valid for ``lifetime`` seconds."""
        servers = [IceServer(self.stun_urls)] if self.stun_urls else []
        if self.turn_urls:
            if self.turn_secret:
                username = f"{int(now) + lifetime}:{user}"
                digest = hmac.new(self.turn_secret.encode(), username.encode(), hashlib.sha1)
                credential = base64.b64encode(digest.digest()).decode()
            else:
                username, credential = self.turn_username, self.turn_password
            servers.append(IceServer(self.turn_urls, username, credential))
        return servers
