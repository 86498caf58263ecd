"""The audit trail: one append-only row per action on a repair.

Rows are never updated or deleted; the ORM refuses both, so a bug cannot rewrite history
the Housing Ombudsman may later ask to see.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from common.codes import ActorKind, values
from repairs.models.base import Base, JSONType, utcnow

ACTOR_KINDS = values(ActorKind)


class AuditTrailError(RuntimeError):
    pass


class RepairEvent(Base):
    __tablename__ = "repair_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    repair_id: Mapped[int] = mapped_column(ForeignKey("repair.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))
    actor_kind: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[int | None]
    actor_label: Mapped[str] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(10))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    note: Mapped[str | None] = mapped_column(Text)


@event.listens_for(RepairEvent, "before_update")
def _refuse_update(mapper, connection, target):
    raise AuditTrailError("repair events are append-only and cannot be changed")


@event.listens_for(RepairEvent, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise AuditTrailError("repair events are append-only and cannot be deleted")
