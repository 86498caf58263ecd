"""The shape shared/contracts/triage.md fixes for one outcome, checked key by key."""

from triage_rules import default_ruleset
from triage_rules.schema import CATEGORIES, HAZARDS, PRIORITIES, TRADES

KEYS = [
    "category",
    "priority",
    "hazard",
    "trade",
    "problem",
    "confidence",
    "questions",
    "candidates",
    "uncertain",
]
CANDIDATE_KEYS = ["problem", "category", "priority", "score"]


def assert_contract(data: dict) -> None:
    """``data`` is one outcome as the batch command prints it."""
    leaves = {leaf.id for leaf in default_ruleset().leaves}
    assert list(data) == KEYS
    assert data["category"] in CATEGORIES
    assert data["priority"] in PRIORITIES
    assert data["hazard"] in HAZARDS
    assert data["trade"] in TRADES
    assert data["problem"] is None or data["problem"] in leaves
    assert 0 <= data["confidence"] <= 1
    assert all(isinstance(q, str) and q for q in data["questions"])
    assert isinstance(data["uncertain"], bool)
    candidates = data["candidates"]
    assert len(candidates) <= 5
    for c in candidates:
        assert list(c) == CANDIDATE_KEYS
        assert c["problem"] in leaves and c["category"] in CATEGORIES
        assert c["priority"] in PRIORITIES
        assert isinstance(c["score"], float | int) and c["score"] >= 0
    problems = [c["problem"] for c in candidates]
    assert len(set(problems)) == len(problems), problems
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True), scores
    if data["problem"] is not None:
        assert data["problem"] in problems, (data["problem"], problems)
