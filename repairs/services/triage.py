"""Turning a triage outcome into the repair's fields, and its due times.

Report, add-to and override all set a repair's outcome the same way, so the priority,
the target and every Awaab's Law clock are always computed together, from the time of
the report, by ``common.deadlines``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from common.calendar import local
from common.codes import HAZARD_RANK, PRIORITY_RANK
from common.deadlines import awaab_clocks, priority_due
from repairs.audit import record
from repairs.models import Person, Repair, TenancyMember
from repairs.services.access import Household, household_of
from repairs.services.context import Context
from triage_rules import TriageOutcome

# The repair's fields that an outcome sets, in the order the audit shows them.
OUTCOME_FIELDS = (
    "category",
    "problem",
    "trade",
    "priority",
    "hazard",
    "job_code",
    "estimated_minutes",
    "target_at",
    "awaab_investigate_by",
    "awaab_summary_by",
    "awaab_safety_work_by",
    "awaab_preventative_by",
)


def household_vulnerabilities(ctx: Context, household: Household) -> frozenset[str]:
    """Every vulnerability recorded for anyone named on the tenancy."""
    rows = ctx.session.scalars(
        select(Person.vulnerabilities)
        .join(TenancyMember, TenancyMember.person_id == Person.id)
        .where(TenancyMember.tenancy_id == household.tenancy.id)
    )
    return frozenset(flag for flags in rows for flag in (flags or ()))


def repair_vulnerabilities(ctx: Context, repair: Repair) -> frozenset[str]:
    """The vulnerabilities of the household that reported ``repair``, as they are today."""
    if repair.reported_by_id is None:
        return frozenset()
    household = household_of(ctx.session, repair.reported_by_id, local(ctx.now()).date())
    return household_vulnerabilities(ctx, household) if household else frozenset()


def classify(
    ctx: Context,
    text: str,
    vulnerabilities: Iterable[str],
    problem: str | None,
    answers: dict[str, str],
) -> TriageOutcome:
    answers = dict(answers)
    if problem:
        answers["leaf"] = problem
    return ctx.rules.classify(text or "", vulnerabilities, answers)


def apply_outcome(ctx: Context, repair: Repair, outcome: TriageOutcome) -> dict[str, tuple]:
    """Set ``repair``'s triage fields from ``outcome``; returns what changed (before, after)."""
    targets = ctx.rules.settings.targets
    due = awaab_clocks(outcome.hazard, repair.reported_at, repair.investigated_at, targets)
    wanted = {
        "category": outcome.category,
        "problem": outcome.problem,
        "trade": outcome.trade,
        "priority": outcome.priority,
        "hazard": outcome.hazard,
        "job_code": outcome.job_code,
        "estimated_minutes": outcome.duration_minutes or 60,
        "target_at": priority_due(outcome.priority, repair.reported_at, targets),
        "awaab_investigate_by": due.get("investigate_by"),
        "awaab_summary_by": due.get("written_summary_by"),
        "awaab_safety_work_by": due.get("safety_work_by") or due.get("make_safe_by"),
        "awaab_preventative_by": due.get("preventative_work_by"),
    }
    changes = {}
    for name in OUTCOME_FIELDS:
        before = getattr(repair, name)
        if before != wanted[name]:
            changes[name] = (before, wanted[name])
            setattr(repair, name, wanted[name])
    repair.triage_confidence = outcome.confidence
    repair.ruleset_version = outcome.ruleset_version
    return changes


def more_pressing(new: TriageOutcome, repair: Repair) -> bool:
    """Whether ``new`` is more urgent, or a worse hazard, than the repair as it stands."""
    if repair.priority is None:
        return True
    if PRIORITY_RANK[new.priority] < PRIORITY_RANK[repair.priority]:
        return True
    return HAZARD_RANK[new.hazard] < HAZARD_RANK[repair.hazard or "none"]


def start_awaab_investigation(ctx: Context, actor, repair: Repair, at) -> None:
    """The first visit to a significant damp or mould hazard is its investigation: the
    written summary, safety work and preventative work clocks start from it."""
    if repair.investigated_at is not None:
        return
    repair.investigated_at = at
    due = awaab_clocks(repair.hazard, repair.reported_at, at, ctx.rules.settings.targets)
    changes = {}
    for name, key in (
        ("awaab_summary_by", "written_summary_by"),
        ("awaab_safety_work_by", "safety_work_by"),
        ("awaab_preventative_by", "preventative_work_by"),
    ):
        if getattr(repair, name) != due.get(key):
            changes[name] = (getattr(repair, name), due.get(key))
            setattr(repair, name, due.get(key))
    record(ctx.session, repair, "investigated", actor, changes=changes, at=at)
