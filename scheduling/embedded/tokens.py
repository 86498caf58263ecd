"""API tokens for clients of the scheduling API. Only a SHA-256 of each token is stored.

A token is 256 random bits, so a plain hash is enough to make a stolen table useless; a
slow password hash would only slow every request down.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from repairs.models.base import utcnow
from scheduling.embedded.models import SchedulingApiToken

PREFIX = "sched_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, name: str) -> str:
    """Issue a token for ``name`` and return it in clear: the only time it is ever seen."""
    name = name.strip()
    if not 1 <= len(name) <= 80:
        raise ValueError("a token's name must be 1 to 80 characters")
    token = PREFIX + secrets.token_urlsafe(32)
    session.add(SchedulingApiToken(name=name, token_hash=_digest(token)))
    session.flush()
    return token


def revoke_tokens(session: Session, name: str) -> int:
    """Revoke every live token issued under ``name``; returns how many."""
    live = session.scalars(
        select(SchedulingApiToken).where(
            SchedulingApiToken.name == name.strip(), SchedulingApiToken.revoked_at.is_(None)
        )
    ).all()
    for token in live:
        token.revoked_at = utcnow()
    session.flush()
    return len(live)


def authenticate(session: Session, presented: str) -> SchedulingApiToken | None:
    """The live token matching ``presented``, or None."""
    if not presented or not presented.startswith(PREFIX) or len(presented) > 200:
        return None
    digest = _digest(presented)
    found = session.scalar(
        select(SchedulingApiToken).where(SchedulingApiToken.token_hash == digest)
    )
    if found is None or found.revoked_at is not None:
        return None
    # Looked up by digest, compared again in constant time for good measure.
    return found if hmac.compare_digest(found.token_hash, digest) else None
