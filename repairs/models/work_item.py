"""Work items: something a person in the contact centre must do, put on a queue.

Asked for explicitly (a call back, a video call), or raised by the services when the
system must not decide alone (words that fit none of the problems, words that may hide
an emergency nobody asked about, an emergency no operative can reach in time, a gas
escape to follow up once it is made safe).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from repairs.models.base import Base, utcnow
from repairs.models.person import Person
from repairs.models.repair import Repair
from repairs.models.staff import StaffUser

WORK_KINDS = (
    "callback",
    "video_triage",
    "triage_review",
    "safety_review",
    "emergency_unassigned",
    "emergency_follow_up",
    "message_failed",
    "rebook_needed",
    # Taken from the contact centre's derived queues: a repair with no appointment, one
    # near or past its target, an Awaab's Law clock about to run out.
    "no_appointment",
    "near_target",
    "awaab_clock",
)
WORK_STATUSES = ("open", "assigned", "done", "cancelled")


class WorkItem(Base):
    __tablename__ = "work_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    repair_id: Mapped[int | None] = mapped_column(ForeignKey("repair.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # What the person asked for, or why the system put it here, in the requester's words.
    note: Mapped[str | None] = mapped_column(Text)
    # Where to call back, when it is not the person's usual number.
    phone: Mapped[str | None] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(10))
    requested_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    due_at: Mapped[datetime | None]
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    assigned_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(Text)

    repair: Mapped[Repair | None] = relationship()
    person: Mapped[Person | None] = relationship()
    assigned_to: Mapped[StaffUser | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "assigned")
