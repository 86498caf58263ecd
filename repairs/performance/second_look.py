"""Second looks: reports a person was asked to read because their words may hide an
emergency nobody asked the tenant about (the ``safety_review`` queue), and what came of
them. Counted by when the report was queued: how many were dealt with (read and marked
done, or closed by a change of triage or a cancellation), how many by the hour they were
due, and how many were then raised to an emergency. The last is what the landlord weighs
when setting ``review.emergency_likely`` in the rules (triage_rules/rules/README.md, "A
second look by a person"): every look costs a person's time, every raise is an emergency
the words alone would have missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from repairs.models import Repair, WorkItem
from repairs.performance.figures import Ratio, count_if
from repairs.performance.scope import Scope, with_patch

KIND = "safety_review"


@dataclass(frozen=True)
class SecondLooks:
    queued: int
    dealt_with: Ratio
    in_time: Ratio
    raised: Ratio


def queued_in(scope: Scope):
    """The second looks queued in the period (the repair's table joined, for the patch)."""
    return (
        WorkItem.kind == KIND,
        WorkItem.created_at >= scope.start,
        WorkItem.created_at < scope.end,
    )


def second_looks(session: Session, scope: Scope) -> SecondLooks:
    closed = WorkItem.status == "done"
    query = with_patch(
        select(
            func.count(),
            count_if(closed),
            count_if(and_(closed, WorkItem.closed_at <= WorkItem.due_at)),
            count_if(Repair.priority == "emergency"),
        )
        .select_from(WorkItem)
        .join(Repair, Repair.id == WorkItem.repair_id),
        scope,
    ).where(*queued_in(scope))
    queued, dealt, in_time, raised = (int(n) for n in session.execute(query).one())
    return SecondLooks(queued, Ratio(dealt, queued), Ratio(in_time, queued), Ratio(raised, queued))
