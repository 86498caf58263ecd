"""Video calls: a member of staff sees the problem through the tenant's camera.

One row per call: who started it and for which repair, the tenant's single-use link,
their consent to record, when the media ran, the stills taken and the recording kept
(until the retention period deletes it). The audit trail holds the same facts as events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from repairs.models.base import Base, JSONType
from repairs.models.person import Person
from repairs.models.repair import Repair
from repairs.models.staff import StaffUser

# invited: the link is sent; joined: the tenant opened it and answered about recording;
# live: the tenant's camera reached the video service; ended: over, for whatever reason.
CALL_STATUSES = ("invited", "joined", "live", "ended")


class VideoCall(Base):
    __tablename__ = "video_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The call's id in URLs, tickets and every log line of the video service.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    repair_id: Mapped[int] = mapped_column(ForeignKey("repair.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    started_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    status: Mapped[str] = mapped_column(String(12), index=True)
    invited_at: Mapped[datetime]
    # Sending the link again bumps the version, so only the newest link works.
    link_version: Mapped[int] = mapped_column(default=1)
    link_expires_at: Mapped[datetime]
    link_used_at: Mapped[datetime | None]
    consent_to_record: Mapped[bool | None]
    connected_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))
    # Photo keys (in the repair's photos too) and keys of videos the tenant uploaded.
    stills: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    uploads: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    recording_key: Mapped[str | None] = mapped_column(String(80))
    recording_bytes: Mapped[int | None]
    media_deleted_at: Mapped[datetime | None]
    outcome_at: Mapped[datetime | None]

    repair: Mapped[Repair] = relationship()
    person: Mapped[Person | None] = relationship()
    started_by: Mapped[StaffUser] = relationship()

    @property
    def is_over(self) -> bool:
        return self.status == "ended"

    def duration_seconds(self) -> int | None:
        """How long the tenant's camera was connected; None when it never was."""
        if self.connected_at is None or self.ended_at is None:
            return None
        return max(0, round((self.ended_at - self.connected_at).total_seconds()))
