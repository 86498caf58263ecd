"""Writing the audit trail: who did what, when, through which channel, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from common.codes import ActorKind, Channel
from repairs.models import Repair, RepairEvent
from repairs.models.base import utcnow


@dataclass(frozen=True, slots=True)
class Actor:
    """Whoever acted (a tenant, a member of staff, an operative, the system), their role,
    and the channel the action came through."""

    kind: str
    label: str
    id: int | None = None
    channel: str = Channel.SYSTEM.value
    role: str | None = None

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(kind=ActorKind.SYSTEM.value, label=label)

    @classmethod
    def tenant(cls, person_id: int, label: str, channel: str) -> Actor:
        return cls(ActorKind.TENANT.value, label, person_id, channel, "tenant")

    @classmethod
    def staff(cls, staff_id: int, label: str, role: str, channel: str) -> Actor:
        return cls(ActorKind.STAFF.value, label, staff_id, channel, role)

    @classmethod
    def operative(cls, operative_id: int | None, label: str, channel: str = "api") -> Actor:
        return cls(ActorKind.OPERATIVE.value, label, operative_id, channel, "operative")

    @property
    def is_staff(self) -> bool:
        return self.kind == ActorKind.STAFF.value

    @property
    def is_tenant(self) -> bool:
        return self.kind == ActorKind.TENANT.value


def _plain(value: Any) -> Any:
    # JSON columns hold only JSON: times become ISO strings, everything else a string.
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def record(
    session: Session,
    repair: Repair,
    kind: str,
    actor: Actor,
    channel: str | None = None,
    *,
    changes: dict[str, tuple[Any, Any]] | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> RepairEvent:
    """Append one event for ``repair``. ``changes`` maps a field to its (before, after);
    the channel is the actor's unless given."""
    event = RepairEvent(
        repair_id=repair.id,
        occurred_at=at or utcnow(),
        kind=kind,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_label=actor.label[:120],
        channel=channel or actor.channel,
        from_status=from_status,
        to_status=to_status,
        changes={k: [_plain(b), _plain(a)] for k, (b, a) in (changes or {}).items()},
        note=note,
    )
    session.add(event)
    return event
