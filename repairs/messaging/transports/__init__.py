"""Transports: one small interface, a console one for development and Twilio for real.

A transport sends one message and says what became of it; the worker owns everything
else (leases, retries, recording). ``find`` answers whether an earlier attempt whose
outcome is unknown (a timeout, a worker killed mid-send) reached the provider, so that
message is recorded rather than sent twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Outgoing:
    id: int
    channel: str  # "sms" or "whatsapp"
    to: str
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Accepted:
    provider_id: str
    # What the provider says now: "queued"/"sent", or "delivered" when it knows at once.
    provider_status: str = "queued"


class SendFailed(Exception):
    """The message did not go. ``permanent``: it never will (``kind`` says why), so it is
    never retried. ``unsure``: the request may have reached the provider. ``retry_after``:
    the provider asked us to wait (seconds)."""

    def __init__(
        self,
        detail: str,
        *,
        permanent: bool = False,
        kind: str | None = None,
        code: int | None = None,
        unsure: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.permanent = permanent
        self.kind = kind
        self.code = code
        self.unsure = unsure
        self.retry_after = retry_after

    @property
    def throttled(self) -> bool:
        return self.retry_after is not None


class Transport(Protocol):
    name: str

    def send(self, message: Outgoing) -> Accepted:
        """Hand ``message`` to the provider; raises ``SendFailed``."""
        ...

    def find(self, message: Outgoing) -> Accepted | None:
        """The provider's record of ``message`` if an earlier attempt reached it, else None;
        raises ``SendFailed`` when it cannot tell."""
        ...
