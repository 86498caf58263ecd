"""How satisfied a tenant was with a finished repair: a score from 1 to 5."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base


class SatisfactionResponse(Base):
    """One answer per repair; a later reply replaces the score (the audit keeps both)."""

    __tablename__ = "satisfaction_response"
    # The performance page counts scores per completed repair from the index alone.
    __table_args__ = (Index("ix_satisfaction_response_repair_score", "repair_id", "score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    repair_id: Mapped[int] = mapped_column(ForeignKey("repair.id"), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    score: Mapped[int] = mapped_column(SmallInteger)
    # Anything said with the score ("4, quick and tidy"), in the tenant's words.
    comment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(10))
    # The question it answers, when the reply came by text.
    question_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_message.id"))
    first_answered_at: Mapped[datetime]
    answered_at: Mapped[datetime]
