"""The tables the embedded core owns, on the shared metadata (one migration chain)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, JSONType, utcnow

BOOKING_STATUSES = (
    "booked",
    "dispatched",
    "in_progress",
    "completed",
    "no_access",
    "follow_on_needed",
    "cancelled",
    "rebooked",
)


class SchedulingBooking(Base):
    """A place in an operative's day, held for one job."""

    __tablename__ = "scheduling_booking"
    __table_args__ = (Index("ix_scheduling_booking_operative_day", "operative_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    job_reference: Mapped[str] = mapped_column(String(40), index=True)
    operative_id: Mapped[int] = mapped_column(ForeignKey("operative.id"))
    day: Mapped[date] = mapped_column(index=True)
    window: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    planned_start: Mapped[datetime | None]
    # Emergencies: the arrival promised, and the two targets counted from the dispatch.
    promised_arrival: Mapped[datetime | None]
    attend_by: Mapped[datetime | None]
    make_safe_by: Mapped[datetime | None]
    # A call-out by an on-call operative: out of hours, outside any day route.
    oncall_duty_id: Mapped[int | None] = mapped_column(
        ForeignKey("scheduling_oncall_duty.id"), index=True
    )
    duration_minutes: Mapped[int]
    trade: Mapped[str] = mapped_column(String(30))
    latitude: Mapped[float] = mapped_column()
    longitude: Mapped[float] = mapped_column()
    # Route order within the day; a new job takes the midpoint of its neighbours.
    sequence: Mapped[float] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="booked")
    # A double submit must book once: the key is unique across all bookings.
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("scheduling_booking.id"))
    # The change counter at this row's last change, so caches reload only what moved.
    revision: Mapped[int] = mapped_column(default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # A planner's decision that this job stays with this operative: the re-plan never moves it.
    pinned: Mapped[bool] = mapped_column(default=False, server_default=false())


class SchedulingOnCallDuty(Base):
    """One operative on call for some trades and patches, from one time to another."""

    __tablename__ = "scheduling_oncall_duty"

    id: Mapped[int] = mapped_column(primary_key=True)
    operative_id: Mapped[int] = mapped_column(ForeignKey("operative.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column(index=True)
    trades: Mapped[list[str]] = mapped_column(JSONType)
    # Empty: the whole city.
    patches: Mapped[list[str]] = mapped_column(JSONType)
    # Empty: the landlord's setting (SCHEDULING_ONCALL_MAX_CALLOUTS).
    max_callouts: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SchedulingRevision(Base):
    """One row: a change counter every booking change bumps inside its own transaction.

    The epoch changes whenever the counter cannot be trusted to be continuous (operatives
    edited, data reseeded), telling every process to reload from scratch.
    """

    __tablename__ = "scheduling_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    epoch: Mapped[str] = mapped_column(String(32))
    value: Mapped[int] = mapped_column(default=0)


class SchedulingApiToken(Base):
    """A client of the scheduling API. Only a hash of the token is ever stored."""

    __tablename__ = "scheduling_api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class SchedulingReplan(Base):
    """One re-plan of one day: what it found, whether it was applied, and every move.

    Written in the same transaction as the moves it made, so a re-plan that rolled back
    leaves no record; the idempotency key makes a night's retry answer the same.
    """

    __tablename__ = "scheduling_replan"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    day: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20))
    idempotency_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    jobs: Mapped[int] = mapped_column(default=0)
    km_before: Mapped[float] = mapped_column(default=0.0)
    km_after: Mapped[float] = mapped_column(default=0.0)
    reordered: Mapped[int] = mapped_column(default=0)
    solver_seconds: Mapped[float] = mapped_column(default=0.0)
    reason: Mapped[str] = mapped_column(String(200), default="")
    # Each move as the port's JobMove, in JSON, so a replayed answer carries them too.
    moves: Mapped[list[dict]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
