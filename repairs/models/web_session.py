"""Signed-in sessions, kept on the server so they can be ended from anywhere.

The browser holds only a random token; the row (found by the token's hash) says whose
session it is, when it began and was last used, and whether it has been revoked, so
"sign out everywhere", idle timeouts and an absolute lifetime hold on every app server.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, utcnow


class WebSession(Base):
    __tablename__ = "web_session"
    __table_args__ = (Index("ix_web_session_subject", "kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # "tenant" (a person) or "staff" (a staff user).
    kind: Mapped[str] = mapped_column(String(10))
    subject_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    # For the person's own list of where they are signed in; never used to decide access.
    user_agent: Mapped[str | None] = mapped_column(String(200))
