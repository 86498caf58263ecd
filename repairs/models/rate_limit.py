"""Fixed-window counters for sign-in and code attempts, shared by every app server."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base


class RateLimitWindow(Base):
    __tablename__ = "rate_limit_window"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(primary_key=True)
    hits: Mapped[int] = mapped_column(default=0)
