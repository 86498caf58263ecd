"""The phrase-case files themselves (cases/README.md): every file is read by a unit's
tests, and a malformed file or case is refused with its line, never silently skipped."""

import pytest

from tests.triage import phrases
from tests.triage.rule_files import replace_once
from triage_rules import RuleFileError


def test_every_case_file_belongs_to_a_unit_that_reads_it():
    files = {p.relative_to(phrases.CASES).parts[0] for p in phrases.CASES.rglob("*.yaml")}
    assert files == set(phrases.UNITS)
    assert all(phrases.load(unit) for unit in phrases.UNITS)


def test_every_case_has_a_why_and_an_expectation():
    for unit in phrases.UNITS:
        for case in phrases.load(unit):
            assert case.why.strip() and (case.expect or case.refuse), case.where


@pytest.fixture
def unit_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(phrases, "CASES", tmp_path)
    (tmp_path / "demo").mkdir()
    return tmp_path / "demo"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "- why: w\n  expect: {catgory: gas}\n  cases: [smell of gas]\n",
            2,
            "unknown key 'catgory'",
        ),
        ("- why: w\n  cases:\n    - text: smell of gas\n      prority: emergency\n", 4, "prority"),
        ("- why: w\n  cases:\n    - text: smell of gas\n      not: {trade: plumber}\n", 4, "trade"),
        ("- expect: {priority: emergency}\n  cases:\n    - smell of gas\n", 3, "a why"),
        ("- why: w\n  cases:\n    - smell of gas\n", 3, "an expectation"),
        ("why: w\n", 1, "a list of groups"),
    ],
)
def test_a_malformed_case_file_is_refused_with_its_line(unit_dir, body, line, message):
    (unit_dir / "area.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        phrases.load("demo")
    assert caught.value.line == line and message in caught.value.message


def test_an_unknown_value_fails_its_case(unit_dir):
    (unit_dir / "area.yaml").write_text(
        "- why: w\n  not: {check: gas_smel}\n  cases: [kitchen tap dripping]\n", encoding="utf-8"
    )
    (case,) = phrases.load("demo")
    assert case.where == "demo/area.yaml:3"
    with pytest.raises(AssertionError, match="unknown check"):
        phrases.check(case)


def test_a_case_that_does_not_hold_names_its_file_line_and_why(unit_dir):
    (unit_dir / "area.yaml").write_text(
        "- why: taps drip\n  cases:\n    - {text: kitchen tap dripping, category: gas}\n",
        encoding="utf-8",
    )
    (case,) = phrases.load("demo")
    with pytest.raises(AssertionError) as caught:
        phrases.check(case)
    assert "demo/area.yaml:3 (taps drip)" in str(caught.value)
    assert "category: wanted 'gas', got 'water_leak'" in str(caught.value)


def test_the_cases_can_be_checked_against_another_rules_folder(unit_dir, rules_copy, monkeypatch):
    """How `make train-triage` tries a new ranker before installing it."""
    (unit_dir / "area.yaml").write_text(
        "- why: taps drip\n  cases:\n    - {text: kitchen tap dripping, category: water_leak}\n",
        encoding="utf-8",
    )
    (case,) = phrases.load("demo")
    phrases.check(case)
    (rules_copy / "ranker.json").unlink()  # its usual leaf for leaks is this one
    replace_once(
        rules_copy / "kitchen.yaml",
        "label: Tap is dripping\n        category: water_leak",
        "label: Tap is dripping\n        category: water_supply",
    )
    monkeypatch.setenv(phrases.RULES_ENV, str(rules_copy))
    with pytest.raises(AssertionError, match="wanted 'water_leak', got 'water_supply'"):
        phrases.check(case)
