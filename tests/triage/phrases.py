"""Phrase cases: a tenant's words and what triage must make of them, kept as data.

Each unit's cases are the YAML files under ``cases/<unit>/``; the format is in
``cases/README.md``. ``params(unit)`` hands them to ``pytest.mark.parametrize`` with the
file and line as each test's id, and ``check(case)`` classifies the words and compares
every expectation the case states, naming the case and its why when one fails.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from triage_rules import default_ruleset, load_ruleset
from triage_rules.schema import CATEGORIES, DISPATCH, HAZARDS, PRIORITIES, TRADES
from triage_rules.text import clean
from triage_rules.yamlsrc import LMap, RuleFileError, read_yaml

CASES = Path(__file__).parent / "cases"
# A rules folder to check the cases against instead of the bundled one: `make
# train-triage` trains the ranker into a copy and installs it only when every case holds.
RULES_ENV = "TRIAGE_CASES_RULES"
UNITS = ("matching", "emergency", "safety_net", "vulnerability")
# Stated values the outcome's field must equal.
SAME = ("category", "priority", "hazard", "problem", "trade", "dispatch")
# ...and the rest: ``category_in`` a list the category is one of; ``check`` an emergency
# check whose reason the outcome gives; ``net`` a safety net that catches the words;
# ``settled`` whether the outcome asks nothing more; ``vulnerability_rule`` a rule applied.
EXPECT = (*SAME, "category_in", "check", "net", "settled", "vulnerability_rule")
REFUSE = ("category", "priority", "problem", "check", "net")
GROUP_KEYS = ("why", "expect", "not", "vulnerabilities", "answers", "cases")
CASE_KEYS = ("text", "why", "vulnerabilities", "answers", "not", *EXPECT)


@dataclass(frozen=True)
class Case:
    where: str  # file:line, also the test id
    why: str
    text: str
    vulnerabilities: tuple[str, ...] = ()
    answers: dict = field(default_factory=dict)
    expect: dict = field(default_factory=dict)
    refuse: dict = field(default_factory=dict)


def load(unit: str) -> list[Case]:
    """Every case of a unit, in file and line order; a malformed file raises with its line."""
    return [case for path in sorted((CASES / unit).glob("*.yaml")) for case in _read(path)]


def params(unit: str) -> list:
    return [pytest.param(case, id=case.where) for case in load(unit)]


def _read(path: Path) -> list[Case]:
    name = path.relative_to(CASES).as_posix()
    groups, _ = read_yaml(path, name)
    _expect_type(groups, list, name, 1, "the file", "a list of groups")
    cases = []
    for group, line in zip(groups, groups.lines, strict=True):
        _expect_type(group, LMap, name, line, "a group", "a mapping")
        _known_keys(group, GROUP_KEYS, name)
        items = group.get("cases")
        _expect_type(items, list, name, group.line, "cases", "a list")
        for item, item_line in zip(items, items.lines, strict=True):
            cases.append(_case(group, item, name, item_line))
    return cases


def _case(group: LMap, item, name: str, line: int) -> Case:
    if isinstance(item, str):
        item = LMap(text=item)
        item.line, item.lines = line, {}
    _expect_type(item, LMap, name, line, "a case", "text or a mapping")
    _known_keys(item, CASE_KEYS, name)
    for part, allowed in ((group.get("expect"), EXPECT), (group.get("not"), REFUSE)):
        _known_keys(part or {}, allowed, name, group.line)
    _known_keys(item.get("not") or {}, REFUSE, name, line)
    expect = {**(group.get("expect") or {}), **{k: v for k, v in item.items() if k in EXPECT}}
    refuse = {**(group.get("not") or {}), **(item.get("not") or {})}
    why = item.get("why") or group.get("why")
    text = item.get("text")
    if not isinstance(text, str) or not isinstance(why, str) or not (expect or refuse):
        raise RuleFileError(name, line, "a case needs its text, a why and an expectation")
    return Case(
        where=f"{name}:{line}",
        why=why,
        text=text,
        vulnerabilities=tuple(item.get("vulnerabilities", group.get("vulnerabilities", ()))),
        answers=dict(item.get("answers", group.get("answers", {}))),
        expect=expect,
        refuse=refuse,
    )


def _expect_type(value, kind, name, line, what, wanted) -> None:
    if not isinstance(value, kind):
        raise RuleFileError(name, getattr(value, "line", line), f"{what} must be {wanted}")


def _known_keys(mapping, allowed, name, line=None) -> None:
    for key in mapping:
        if key not in allowed:
            where = getattr(mapping, "lines", {}).get(key, line)
            raise RuleFileError(name, where, f"unknown key '{key}' (allowed: {', '.join(allowed)})")


def cases_ruleset():
    """The rule set the cases are checked against: ``$TRIAGE_CASES_RULES`` or the bundled."""
    folder = os.environ.get(RULES_ENV)
    return _loaded(folder) if folder else default_ruleset()


@lru_cache(maxsize=1)
def _loaded(folder: str):
    return load_ruleset(folder)


def check(case: Case) -> None:
    """Classify the case's words; every stated expectation must hold."""
    rules = cases_ruleset()
    _known_values(rules, case)
    outcome = rules.classify(case.text, case.vulnerabilities, case.answers)
    seen = {key: getattr(outcome, key) for key in SAME}
    seen["check"] = [c.id for c in rules.checks if c.reason in outcome.emergency_reasons]
    seen["settled"] = outcome.questions == ()
    seen["vulnerability_rule"] = outcome.vulnerability_rules
    if "net" in case.expect or "net" in case.refuse:
        seen["net"] = nets(case.text, rules)
    wrong = [
        f"{key}: wanted {want!r}, got {seen['category' if key == 'category_in' else key]!r}"
        for key, want in case.expect.items()
        if not _holds(key, want, seen)
    ]
    wrong += [
        f"not {key}: {unwanted!r}, yet it was"
        for key, unwanted in case.refuse.items()
        if _holds(key, unwanted, seen)
    ]
    assert not wrong, (
        f"{case.where} ({case.why})\n  {case.text!r}\n  "
        + "\n  ".join(wrong)
        + f"\n  outcome: {outcome.problem}, {outcome.priority}, {outcome.emergency_reasons}"
    )


def nets(text: str, rules=None) -> list[str]:
    """The safety nets the words set off, as the engine's second look would see them."""
    rules = rules or cases_ruleset()
    cleaned = clean(text)
    index = rules._index
    tokens = index.normaliser.tokens_of_clean(cleaned)
    found, _ = index.find(tokens)
    return [net.id for net in rules.safety_net.catch(found, cleaned, tokens=tokens)]


def _holds(key: str, value, seen: dict) -> bool:
    if key == "category_in":
        return seen["category"] in value
    if key in ("check", "net", "vulnerability_rule"):
        return value in seen[key]
    return seen[key] == value


def _known_values(rules, case: Case) -> None:
    # A misspelt value would make a "not" expectation pass whatever the engine does.
    known = {
        "category": CATEGORIES,
        "priority": PRIORITIES,
        "hazard": HAZARDS,
        "trade": TRADES,
        "dispatch": DISPATCH,
        "problem": {leaf.id for leaf in rules.leaves} | {None},
        "check": {c.id for c in rules.checks},
        "net": {n.id for n in rules.safety_net.nets},
        "settled": {True, False},
        "vulnerability_rule": {r.id for r in rules.vulnerability_rules},
    }
    for key, value in [*case.expect.items(), *case.refuse.items()]:
        values = value if key == "category_in" else [value]
        unknown = [v for v in values if v not in known["category" if key == "category_in" else key]]
        assert not unknown, f"{case.where}: unknown {key} {unknown}"
