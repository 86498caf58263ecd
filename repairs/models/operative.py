"""Operatives: the trades people the scheduling core plans work for."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from common.codes import Trade, values
from repairs.models.base import Base, JSONType

TRADES = values(Trade)


class Operative(Base):
    __tablename__ = "operative"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    trades: Mapped[list[str]] = mapped_column(JSONType)
    patch: Mapped[str] = mapped_column(String(40), index=True)
    home_latitude: Mapped[float]
    home_longitude: Mapped[float]
    # {"0": ["08:00", "16:00"], ...} keyed by ISO weekday - 1; a missing day is a day off.
    working_pattern: Mapped[dict[str, list[str]]] = mapped_column(JSONType)
    mobile: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)

    absences: Mapped[list[OperativeAbsence]] = relationship(
        back_populates="operative", cascade="all, delete-orphan"
    )


class OperativeAbsence(Base):
    __tablename__ = "operative_absence"

    id: Mapped[int] = mapped_column(primary_key=True)
    operative_id: Mapped[int] = mapped_column(ForeignKey("operative.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(40))

    operative: Mapped[Operative] = relationship(back_populates="absences")
