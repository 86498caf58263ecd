"""Messages: the outbox of what we send, and the inbox of what tenants send us."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, JSONType, utcnow

# queued: waiting in our outbox; sending: claimed by a worker under a lease; sent: the
# provider accepted it; delivered / undelivered / failed: what the provider reported (or a
# permanent refusal); cancelled: never sent (opted out, expired, no longer true).
OUTBOUND_STATUSES = (
    "queued",
    "sending",
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "cancelled",
)
FINAL_STATUSES = ("delivered", "undelivered", "failed", "cancelled")


class OutboundMessage(Base):
    """A message written in the same transaction as the change that caused it.

    The worker sends it only after that transaction commits, so nothing is sent for a
    change that rolled back and nothing is lost while the provider is down.
    """

    __tablename__ = "outbound_message"
    __table_args__ = (Index("ix_outbound_message_due", "status", "priority", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    repair_id: Mapped[int | None] = mapped_column(ForeignKey("repair.id"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    to: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(40))
    # Lower goes first: 0 transactional (sign-in codes), 1 time-critical, 2 normal, 3 bulk.
    priority: Mapped[int] = mapped_column(SmallInteger, default=2)
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    # The same key twice writes one message (a reminder run that overlaps another).
    dedupe_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    # Not worth sending after this (a sign-in code, a reminder for a visit that has begun).
    expires_at: Mapped[datetime | None]
    segments: Mapped[int | None] = mapped_column(SmallInteger)

    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    provider_status: Mapped[str | None] = mapped_column(String(24))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The worker holding it, and until when; after that another worker may take it over.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    # The last attempt may have reached the provider (a timeout, a crash): look before
    # sending again, so a message is never sent twice.
    outcome_unknown: Mapped[bool] = mapped_column(default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[int | None]
    # Why it will never arrive: invalid_number, opted_out, unreachable, blocked, ...
    failure_kind: Mapped[str | None] = mapped_column(String(24))
    # A WhatsApp message that failed is sent again once by SMS: this is that SMS.
    fallback_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbound_message.id"), unique=True
    )

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    updated_at: Mapped[datetime | None]


class InboundMessage(Base):
    """A message as the provider gave it; the provider id makes a retried webhook harmless."""

    __tablename__ = "inbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    from_number: Mapped[str] = mapped_column(String(40), index=True)
    to_number: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    media_urls: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]
    # What we answered, so a delivery the provider repeats is answered the same way.
    replies: Mapped[list[str] | None] = mapped_column(JSONType)
