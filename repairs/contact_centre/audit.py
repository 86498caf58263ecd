"""A repair's whole audit trail as rows: every event in order, with who, when, through
which channel and what changed, for a complaint or a Housing Ombudsman enquiry."""

from __future__ import annotations

import json
from collections.abc import Iterator

from common.calendar import local
from repairs.models import RepairEvent

COLUMNS = (
    "sequence",
    "repair",
    "occurred_at_utc",
    "occurred_at_london",
    "event",
    "actor_kind",
    "actor_id",
    "actor",
    "channel",
    "from_status",
    "to_status",
    "changes",
    "note",
)


def audit_rows(reference: str, events: list[RepairEvent]) -> Iterator[tuple]:
    """One row per event, oldest first, numbered; changes as JSON {field: [before, after]}."""
    for n, e in enumerate(events, start=1):
        yield (
            n,
            reference,
            e.occurred_at.isoformat(),
            local(e.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
            e.kind,
            e.actor_kind,
            e.actor_id if e.actor_id is not None else "",
            e.actor_label,
            e.channel,
            e.from_status or "",
            e.to_status or "",
            json.dumps(e.changes or {}, sort_keys=True, ensure_ascii=False),
            e.note or "",
        )
