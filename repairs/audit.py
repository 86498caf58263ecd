"""Writing the audit trail: who did what, when, through which channel, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from repairs.models import Repair, RepairEvent
from repairs.models.base import utcnow


@dataclass(frozen=True, slots=True)
class Actor:
    """Whoever acted: a tenant, a member of staff, an operative, or the system itself."""

    kind: str
    label: str
    id: int | None = None

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(kind="system", label=label)


def _plain(value: Any) -> Any:
    # JSON columns hold only JSON: times become ISO strings, everything else a string.
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def record(
    session: Session,
    repair: Repair,
    kind: str,
    actor: Actor,
    channel: str,
    *,
    changes: dict[str, tuple[Any, Any]] | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> RepairEvent:
    """Append one event for ``repair``. ``changes`` maps a field to its (before, after)."""
    event = RepairEvent(
        repair_id=repair.id,
        occurred_at=at or utcnow(),
        kind=kind,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_label=actor.label,
        channel=channel,
        from_status=from_status,
        to_status=to_status,
        changes={k: [_plain(b), _plain(a)] for k, (b, a) in (changes or {}).items()},
        note=note,
    )
    session.add(event)
    return event
