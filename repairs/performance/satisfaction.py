"""Satisfaction replies: what tenants answered to "How did we do?" about the repairs
completed in the period (and patch), scored 1 (poor) to 5 (very good).

Replies are counted against the repairs they are about, by when the repair was completed,
so the figure and its response rate share one set of repairs: a reply that came a few
days after the period still counts for the work done in it.

- Satisfied: a score of 4 or 5. The Tenant Satisfaction Measures count the top two answers
  of a five-point scale ("very" or "fairly" satisfied) as satisfied; we do the same.
- Response rate: replies as a share of the repairs completed. The question goes out with
  the "completed" message, but tenants without a mobile or who said no to texts are not
  asked, and the history loaded from the old system has no record of what was sent; so
  completions are the one denominator the data always supports, and the rate among those
  actually asked is at least this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from repairs.models import Repair, SatisfactionResponse
from repairs.performance.figures import Ratio
from repairs.performance.scope import Scope, with_patch

SCORES = (1, 2, 3, 4, 5)
SATISFIED = (4, 5)


@dataclass(frozen=True)
class Satisfaction:
    completed: int
    # Replies by score, every score from 1 to 5 present.
    scores: dict[int, int] = field(default_factory=lambda: dict.fromkeys(SCORES, 0))

    @property
    def replies(self) -> int:
        return sum(self.scores.values())

    @property
    def satisfied(self) -> Ratio:
        return Ratio(sum(self.scores[s] for s in SATISFIED), self.replies)

    @property
    def response(self) -> Ratio:
        return Ratio(self.replies, self.completed)

    @property
    def mean(self) -> float | None:
        if not self.replies:
            return None
        return round(sum(s * n for s, n in self.scores.items()) / self.replies, 2)

    def share(self, score: int) -> Ratio:
        return Ratio(self.scores[score], self.replies)


def completed_in(scope: Scope):
    return and_(Repair.completed_at >= scope.start, Repair.completed_at < scope.end)


def satisfaction(session: Session, scope: Scope) -> Satisfaction:
    completed = session.scalar(
        with_patch(select(func.count()).select_from(Repair), scope).where(completed_in(scope))
    )
    replies = with_patch(
        select(SatisfactionResponse.score, func.count()).join(
            Repair, Repair.id == SatisfactionResponse.repair_id
        ),
        scope,
    ).where(completed_in(scope))
    scores = dict.fromkeys(SCORES, 0)
    for score, n in session.execute(replies.group_by(SatisfactionResponse.score)):
        scores[int(score)] = int(n)
    return Satisfaction(int(completed or 0), scores)
