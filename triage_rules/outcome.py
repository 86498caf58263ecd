"""Build a triage outcome: from the leaf the engine chose, or for words it could not read.

The priority and hazard are settled here, once: the leaf's own, raised by any emergency
check that fired and by the household's vulnerabilities, and an emergency always carries
Awaab's Law's emergency hazard (rules/README.md, "Hazard policy").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .candidates import candidates_of
from .model import Leaf, Settings, TriageOutcome
from .schema import HAZARD_RANK, PRIORITY_RANK
from .vulnerability import apply_rules


def priority_for(rules, vulns: frozenset[str]) -> Callable[[Leaf], str]:
    """A leaf's own priority for this household, as its candidate shows it."""
    if not vulns:
        return _own_priority

    def priority_of(leaf: Leaf) -> str:
        return apply_rules(rules, leaf, leaf.category, leaf.priority, leaf.hazard, vulns)[0]

    return priority_of


def other_outcome(
    settings: Settings,
    version: str,
    ranked,
    priority_of: Callable[[Leaf], str],
    unsure: bool,
) -> TriageOutcome:
    """Words no rule read: "other", with the questions that let a person find out."""
    asks = [("location", settings.location_question)]
    asks += [(f"other:{i}", q) for i, q in enumerate(settings.other_questions)]
    return TriageOutcome(
        category="other",
        priority="routine",
        hazard="none",
        trade="general_operative",
        problem=None,
        confidence=0.0,
        questions=tuple(q for _, q in asks),
        candidates=candidates_of(ranked, None, priority_of),
        job_code=None,
        duration_minutes=None,
        dispatch="appointment",
        safety_advice=(),
        self_help=(),
        eligibility="landlord",
        video_helpful=True,
        emergency_reasons=(),
        ruleset_version=version,
        question_ids=tuple(i for i, _ in asks),
        uncertain=unsure,
    )


def leaf_outcome(
    leaf: Leaf,
    confidence: float,
    asks,
    ranked,
    fired: Sequence[tuple[str, Leaf]],
    rules,
    vulns: frozenset[str],
    settings: Settings,
    version: str,
    unsure: bool,
) -> TriageOutcome:
    """The outcome of ``leaf``; ``fired`` holds each fired check's reason and leaf."""
    priority, hazard = leaf.priority, leaf.hazard
    advice = list(leaf.safety_advice)
    for _, other in fired:
        if PRIORITY_RANK[other.priority] < PRIORITY_RANK[priority]:
            priority = other.priority
        if HAZARD_RANK[other.hazard] < HAZARD_RANK[hazard]:
            hazard = other.hazard
        advice += [a for a in other.safety_advice if a not in advice]
    priority, hazard, applied = apply_rules(rules, leaf, leaf.category, priority, hazard, vulns)
    if priority == "emergency":
        # Awaab's Law phase 1 covers every emergency hazard, including one that a
        # vulnerability rule raised (rules/README.md, "Hazard policy").
        hazard = "awaab_emergency"
    dispatch = leaf.dispatch
    if priority == "emergency" and dispatch == "appointment":
        dispatch = "immediate"
    return TriageOutcome(
        category=leaf.category,
        priority=priority,
        hazard=hazard,
        trade=leaf.trade,
        problem=leaf.id,
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        questions=tuple(q for _, q in asks),
        candidates=candidates_of(ranked, leaf, priority_for(rules, vulns)),
        job_code=settings.job_code_overrides.get(leaf.id, leaf.job_code),
        duration_minutes=leaf.duration_minutes,
        dispatch=dispatch,
        safety_advice=tuple(advice),
        self_help=leaf.self_help,
        eligibility=leaf.eligibility,
        video_helpful=leaf.video_helpful,
        emergency_reasons=tuple(reason for reason, _ in fired),
        ruleset_version=version,
        question_ids=tuple(i for i, _ in asks),
        vulnerability_rules=applied,
        uncertain=unsure,
    )


def _own_priority(leaf: Leaf) -> str:
    return leaf.priority
