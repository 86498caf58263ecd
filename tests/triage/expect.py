"""Assertions the emergency tests share: fired by the named check, or not an emergency."""

from triage_rules import default_ruleset


def assert_emergency_by(check: str, text: str) -> None:
    """``text`` is an emergency, and the check ``check`` is among the reasons."""
    rules = default_ruleset()
    outcome = rules.classify(text)
    reason = next(c.reason for c in rules.checks if c.id == check)
    assert outcome.priority == "emergency", (text, outcome.problem)
    assert reason in outcome.emergency_reasons


def assert_not_emergency(text: str) -> None:
    outcome = default_ruleset().classify(text)
    assert outcome.priority != "emergency", (text, outcome.emergency_reasons)
