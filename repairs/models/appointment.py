"""Appointments: a place in an operative's day, promised to a tenant."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from repairs.models.base import Base, utcnow
from repairs.models.operative import Operative
from repairs.models.repair import Repair

APPOINTMENT_STATUSES = ("booked", "cancelled", "rebooked", "attended", "no_access")


class Appointment(Base):
    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    repair_id: Mapped[int] = mapped_column(ForeignKey("repair.id"), index=True)
    operative_id: Mapped[int | None] = mapped_column(ForeignKey("operative.id"), index=True)
    window: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default="booked")
    # A double submit of the same booking must book once.
    idempotency_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    # The same promise in the scheduling core: its booking's reference.
    booking_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    # The unguessable part of the appointment's calendar (.ics) link sent to the tenant.
    calendar_token: Mapped[str | None] = mapped_column(String(24), unique=True)
    booked_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]
    cancellation_reason: Mapped[str | None] = mapped_column(String(200))
    arrived_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    repair: Mapped[Repair] = relationship()

    # Visits per repair (first-visit completion) counted from the index alone.
    __table_args__ = (Index("ix_appointment_repair_arrived", "repair_id", "arrived_at"),)
    operative: Mapped[Operative | None] = relationship()
