"""What every operation needs from its caller: the unit of work and the engines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from repairs.models.base import utcnow
from repairs.services.policy import Policy
from scheduling import SchedulingCore
from triage_rules import RuleSet


@dataclass(frozen=True)
class Context:
    """The caller's session (operations flush, the caller commits once), the scheduling
    core, the loaded triage rules, the landlord's policy and the clock."""

    session: Session
    core: SchedulingCore
    rules: RuleSet
    policy: Policy = field(default_factory=Policy)
    clock: Callable[[], datetime] = utcnow

    def now(self) -> datetime:
        return self.clock()
