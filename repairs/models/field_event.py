"""Field events received: each event id once, so a retried delivery changes nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, utcnow


class FieldEventRecord(Base):
    """One operative event (on the way, arrived, completed...) as it reached us."""

    __tablename__ = "field_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80), unique=True)
    booking_reference: Mapped[str] = mapped_column(String(40), index=True)
    repair_id: Mapped[int | None] = mapped_column(ForeignKey("repair.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who delivered it: the embedded core, or an API client by its token's name.
    source: Mapped[str] = mapped_column(String(80))
    # "applied", or "ignored" with the reason (a late event for a closed repair).
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
