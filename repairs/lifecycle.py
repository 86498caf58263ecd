"""The repair lifecycle as an explicit state machine.

Every status change goes through ``transition``: an illegal move is refused with a
message a member of staff can act on, and a legal one writes exactly one audit event.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from common.codes import Status
from repairs.audit import Actor, record
from repairs.models import Repair, RepairEvent
from repairs.models.base import utcnow

S = Status
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.REPORTED: frozenset({S.TRIAGED, S.CANCELLED}),
    S.TRIAGED: frozenset({S.AWAITING_APPOINTMENT, S.DISPATCHED, S.BOOKED, S.CANCELLED}),
    S.AWAITING_APPOINTMENT: frozenset({S.BOOKED, S.DISPATCHED, S.ON_HOLD, S.CANCELLED}),
    S.BOOKED: frozenset({S.AWAITING_APPOINTMENT, S.IN_PROGRESS, S.NO_ACCESS, S.CANCELLED}),
    S.DISPATCHED: frozenset({S.IN_PROGRESS, S.NO_ACCESS, S.AWAITING_APPOINTMENT, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.FOLLOW_ON_NEEDED, S.ON_HOLD}),
    S.ON_HOLD: frozenset({S.AWAITING_APPOINTMENT, S.BOOKED, S.IN_PROGRESS, S.CANCELLED}),
    S.NO_ACCESS: frozenset({S.AWAITING_APPOINTMENT, S.BOOKED, S.CANCELLED}),
    S.FOLLOW_ON_NEEDED: frozenset({S.AWAITING_APPOINTMENT, S.BOOKED, S.ON_HOLD, S.CANCELLED}),
    # A recall: the fix did not hold, so the same repair needs more work.
    S.COMPLETED: frozenset({S.FOLLOW_ON_NEEDED}),
    S.CANCELLED: frozenset(),
}
OPEN_STATUSES = frozenset(s for s in Status if s not in {S.COMPLETED, S.CANCELLED})


class IllegalTransition(ValueError):
    """The repair cannot move from its current status to the one asked for."""

    def __init__(self, reference: str, current: str, wanted: str) -> None:
        allowed = ", ".join(sorted(TRANSITIONS[Status(current)])) or "nothing (it is closed)"
        super().__init__(
            f"Repair {reference} is {current} and cannot become {wanted}; "
            f"from {current} it can become: {allowed}"
        )
        self.reference, self.current, self.wanted = reference, current, wanted


def can_transition(current: str, wanted: str) -> bool:
    return Status(wanted) in TRANSITIONS[Status(current)]


def path_to(current: str, wanted: str) -> list[Status] | None:
    """The shortest chain of legal moves from ``current`` to ``wanted`` (excluding
    ``current``), or None when there is none.

    Field events can skip a step (an operative marks a job completed without marking it
    started); walking the chain keeps every step in the audit trail legal and explicit.
    """
    start, goal = Status(current), Status(wanted)
    if start is goal:
        return []
    paths: dict[Status, list[Status]] = {start: []}
    frontier = [start]
    while frontier:
        following = []
        for status in frontier:
            for step in sorted(TRANSITIONS[status]):
                if step in paths:
                    continue
                paths[step] = [*paths[status], step]
                if step is goal:
                    return paths[step]
                following.append(step)
        frontier = following
    return None


def transition(
    session: Session,
    repair: Repair,
    to: Status | str,
    actor: Actor,
    channel: str | None = None,
    *,
    kind: str = "status_changed",
    changes: dict | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> RepairEvent:
    """Move ``repair`` to status ``to`` and record who did it; refuse an illegal move.

    ``kind`` names the action (``triaged``, ``booked`` ...) and ``changes`` adds what
    else it changed, so one action is one event in the audit trail.
    """
    wanted = Status(to)
    current = repair.status
    if not can_transition(current, wanted):
        raise IllegalTransition(repair.reference, current, wanted.value)
    at = at or utcnow()
    repair.status = wanted.value
    if wanted is S.COMPLETED:
        repair.completed_at = at
    elif wanted is S.CANCELLED:
        repair.cancelled_at = at
    return record(
        session,
        repair,
        kind,
        actor,
        channel,
        changes={**(changes or {}), "status": (current, wanted.value)},
        from_status=current,
        to_status=wanted.value,
        note=note,
        at=at,
    )
