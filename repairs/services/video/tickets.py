"""Signed values for video calls: the tenant's link and the video service's tickets.

A link is signed with a key only the portal holds and names the call and the link's
version; whether it has expired or been used is the call's row to say. A ticket is
signed with the key the portal shares with the video service, lives for seconds, and
says which call the bearer may join, as whom, and whether the tenant agreed to record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, Signer, URLSafeTimedSerializer

ROLES = ("tenant", "staff")


class InvalidTicket(Exception):
    """A ticket or link that is forged, damaged or too old."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "expired"


@dataclass(frozen=True)
class Ticket:
    call_id: str
    role: str
    record: bool = False


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        secret, salt="video-ticket", signer_kwargs={"digest_method": hashlib.sha256}
    )


def sign_ticket(secret: str, ticket: Ticket) -> str:
    if not secret:
        raise ValueError("no ticket secret configured")
    return _serializer(secret).dumps({"c": ticket.call_id, "r": ticket.role, "rec": ticket.record})


def read_ticket(secret: str, token: object, max_age: int) -> Ticket:
    """The ticket ``token`` carries; raises ``InvalidTicket`` unless genuine and fresh."""
    if not secret or not isinstance(token, str) or len(token) > 400:
        raise InvalidTicket("invalid")
    try:
        data = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidTicket("expired") from None
    except BadSignature:
        raise InvalidTicket("invalid") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("c"), str)
        or data.get("r") not in ROLES
        or not isinstance(data.get("rec"), bool)
    ):
        raise InvalidTicket("invalid")
    return Ticket(data["c"], data["r"], data["rec"])


def _signer(secret: str) -> Signer:
    return Signer(secret, salt="video-link", digest_method=hashlib.sha256)


def sign_link(secret: str, call_id: str, version: int) -> str:
    if not secret:
        raise ValueError("no link secret configured")
    return _signer(secret).sign(f"{call_id}.{version}").decode()


def read_link(secret: str, token: object) -> tuple[str, int]:
    """The call id and link version ``token`` names; raises ``InvalidTicket`` if forged."""
    if not secret or not isinstance(token, str) or len(token) > 200:
        raise InvalidTicket("invalid")
    try:
        value = _signer(secret).unsign(token).decode()
    except BadSignature:
        raise InvalidTicket("invalid") from None
    call_id, _, version = value.partition(".")
    if not version.isdigit():
        raise InvalidTicket("invalid")
    return call_id, int(version)
