"""The order of the steps, decided from the answers so far: no step is remembered as
"visited", so a changed answer (from "Check your answers") leads to exactly the steps it
now needs, and then back to the check.

Pure functions over the draft's data and the loaded rules; each channel maps a step's
name to its own URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage_rules import RuleSet

# Words longer than this may hide several problems: ask the emergency questions outright.
LONG_TEXT = 280
NONE = "none"  # the "None of these" answer of a list
DESCRIBE = "describe"  # "describe it in my own words" on Where and What


def checks_by_id(rules: RuleSet) -> dict:
    return {check.id: check for check in rules.checks}


def call_now_check(rules: RuleSet, data: Mapping[str, Any]):
    """The first emergency named for which there is nothing to book (gas, fire): the
    emergency services make it safe, so the journey stops at their number."""
    checks = checks_by_id(rules)
    named = [*data.get("emergencies", ()), *_yes(data.get("safety", {}))]
    for check_id in named:
        check = checks.get(check_id)
        if check is not None and rules.leaf(check.leaf).dispatch == "none":
            return check
    return None


def _yes(answers: Mapping[str, str]) -> list[str]:
    return [key for key, value in answers.items() if value == "yes"]


def problem_questions(rules: RuleSet, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The chosen problem's follow-up questions, as (answer key, question)."""
    problem = data.get("problem")
    if not problem:
        return []
    leaf = rules.leaf(problem)
    return [(f"{leaf.id}:{n}", question) for n, question in enumerate(leaf.questions)]


def next_step(rules: RuleSet, data: Mapping[str, Any]) -> tuple[str, int | None]:
    """The first step still to answer, with the question's number for ``question``."""
    if "emergencies" not in data:
        return "emergency", None
    if call_now_check(rules, data) is not None:
        return "call_now", None
    route = data.get("route")
    if route == "emergency":
        if not data.get("advised"):
            return "emergency_advice", None
    elif route not in ("tree", "words"):
        return "where", None
    elif route == "tree" and not data.get("group"):
        return "what", None
    elif route == "tree" and not data.get("problem"):
        return "which", None
    elif route == "words":
        if not data.get("description"):
            return "describe", None
        if not data.get("problem") and not data.get("unsure"):
            return "one_of_these", None
        if data.get("safety_checks") and "safety" not in data:
            return "safety", None
    answers = data.get("answers", {})
    for n, (key, _question) in enumerate(problem_questions(rules, data)):
        if key not in answers:
            return "question", n
    if route != "words" and not data.get("details_done"):
        return "details", None
    if not data.get("photos_done"):
        return "photos", None
    return "check", None


def safety_checks_for(rules: RuleSet, outcome, description: str, asked: list[str]) -> list[str]:
    """Which emergency questions to ask outright after the tenant's own words.

    The rules name those they would still ask; when the rules are unsure (a long text,
    several problems, low confidence) every question not answered already is asked.
    """
    checks = checks_by_id(rules)
    named = [q for q in getattr(outcome, "question_ids", ()) if q in checks]
    if getattr(outcome, "uncertain", False) or len(description) > LONG_TEXT:
        named = list(checks)
    return [q for q in dict.fromkeys(named) if q not in asked]


def answers_for_report(data: Mapping[str, Any]) -> dict[str, str]:
    """Everything answered, in the form the rules read: emergency checks as yes or no,
    the room or area, and the problem's own questions."""
    answers: dict[str, str] = dict.fromkeys(data.get("emergencies", ()), "yes")
    answers.update(data.get("safety", {}))
    if data.get("location"):
        answers["location"] = data["location"]
    answers.update({k: v for k, v in data.get("answers", {}).items() if v})
    return answers


def problem_for_report(data: Mapping[str, Any]) -> str | None:
    return data.get("problem") or None


def is_communal(rules: RuleSet, data: Mapping[str, Any], has_block: bool) -> bool:
    """Communal when the tenant chose the shared areas, or the problem is one of them."""
    if not has_block:
        return False
    if data.get("location") == "communal":
        return True
    problem = problem_for_report(data)
    return bool(problem) and rules.leaf(problem).location == "communal"
