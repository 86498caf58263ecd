"""The repair: what is wrong, how urgent it is, and where it stands."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from common.codes import Channel, Hazard, Priority, values
from repairs.models.base import Base, JSONType, utcnow
from repairs.models.person import Person
from repairs.models.property import Block, Property
from repairs.models.staff import StaffUser

PRIORITIES = values(Priority)
HAZARDS = values(Hazard)
CHANNELS = values(Channel)


class Repair(Base):
    __tablename__ = "repair"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Short and unambiguous to read aloud or type on a phone: no 0/O, 1/I.
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    property_id: Mapped[int | None] = mapped_column(ForeignKey("property.id"), index=True)
    block_id: Mapped[int | None] = mapped_column(ForeignKey("block.id"), index=True)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    channel: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(40))
    photos: Mapped[list[str]] = mapped_column(JSONType, default=list)

    # Triage outcome, with the rule-set version so an audit can show which rules decided.
    category: Mapped[str | None] = mapped_column(String(30))
    problem: Mapped[str | None] = mapped_column(String(80))
    trade: Mapped[str | None] = mapped_column(String(30))
    job_code: Mapped[str | None] = mapped_column(String(20))
    estimated_minutes: Mapped[int | None]
    triage_confidence: Mapped[float | None]
    ruleset_version: Mapped[str | None] = mapped_column(String(80))
    priority: Mapped[str | None] = mapped_column(String(10), index=True)
    target_at: Mapped[datetime | None]

    # Awaab's Law: the hazard class and each of its clocks.
    hazard: Mapped[str] = mapped_column(String(20), default="none")
    awaab_investigate_by: Mapped[datetime | None]
    investigated_at: Mapped[datetime | None]
    awaab_summary_by: Mapped[datetime | None]
    # When the written summary of the investigation went to the tenant.
    awaab_summary_sent_at: Mapped[datetime | None]
    awaab_safety_work_by: Mapped[datetime | None]
    awaab_preventative_by: Mapped[datetime | None]

    status: Mapped[str] = mapped_column(String(24), index=True)
    reported_at: Mapped[datetime] = mapped_column(index=True)
    completed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancellation_reason: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic locking: two agents editing one repair cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    home: Mapped[Property | None] = relationship()
    block: Mapped[Block | None] = relationship()
    reported_by: Mapped[Person | None] = relationship()
    raised_by: Mapped[StaffUser | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    # Covering indexes for the performance figures: a year of repairs is counted from the
    # index alone, without reading each row, for the whole city or one patch.
    __table_args__ = (
        Index("ix_repair_reported_channel", "reported_at", "channel", "property_id", "block_id"),
        Index(
            "ix_repair_completed_priority",
            "completed_at",
            "priority",
            "target_at",
            "property_id",
            "block_id",
        ),
        # Awaab's Law hazards are a few in a hundred: found by index, not by a full scan.
        Index("ix_repair_hazard", "hazard"),
    )

    @property
    def is_open(self) -> bool:
        return self.status not in {"completed", "cancelled"}
