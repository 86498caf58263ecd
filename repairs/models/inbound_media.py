"""Photos tenants send by WhatsApp, waiting to be fetched and added to their repair.

A webhook must answer at once, and fetching a photo from the provider can take seconds,
so each one is a row here: the worker fetches it with the account's credentials, checks
it like an upload, and adds it to the repair once the conversation has raised one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, utcnow

# pending: waiting for its repair or its turn; stored: added to the repair; refused: not a
# photo we can keep; failed: the provider would not give it; expired: no repair came of it.
MEDIA_STATUSES = ("pending", "stored", "refused", "failed", "expired")


class InboundMedia(Base):
    __tablename__ = "inbound_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[str] = mapped_column(String(10))
    # The provider's id of the message it came with.
    message_id: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(100))
    # Set when the conversation knows which repair the photo belongs to.
    repair_reference: Mapped[str | None] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    photo_key: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]
