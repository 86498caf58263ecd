"""STOP and START: every change to whether we may text a number, kept for good.

``Person.opted_out_at`` says where things stand; these rows say who changed it, when,
through which channel and by which message, so the landlord can show it honoured an
opt-out. Like the repair audit trail, rows are never updated or deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, utcnow
from repairs.models.event import AuditTrailError

CONSENT_KINDS = ("opted_out", "opted_in")


class ConsentEvent(Base):
    __tablename__ = "consent_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None when the number belongs to nobody we know: the opt-out still counts.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    address: Mapped[str] = mapped_column(String(40), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(12))
    # What the person sent ("STOP") and the provider's id of that message.
    keyword: Mapped[str] = mapped_column(String(40))
    message_id: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)


@event.listens_for(ConsentEvent, "before_update")
def _refuse_update(mapper, connection, target):
    raise AuditTrailError("consent events are append-only and cannot be changed")


@event.listens_for(ConsentEvent, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise AuditTrailError("consent events are append-only and cannot be deleted")
