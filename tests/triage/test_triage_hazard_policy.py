"""Awaab's Law phase 1: every emergency carries awaab_emergency, and only emergencies do."""

import json
from pathlib import Path

import pytest

from tests.triage.rule_files import replace_once
from triage_rules import RuleFileError, default_ruleset, load_ruleset

DATA = Path(__file__).parents[1] / "data"


def test_every_bundled_leaf_follows_the_policy():
    for leaf in default_ruleset().leaves:
        assert (leaf.priority == "emergency") == (leaf.hazard == "awaab_emergency"), leaf.id


@pytest.mark.parametrize(
    ("text", "vulnerabilities"),
    [
        ("I can smell gas in the hall", []),
        ("no heating at all", ["elderly"]),  # raised by a vulnerability rule
        ("no heating, my nan is 91 and lives with us", []),  # vulnerability read from the text
        ("kitchen drawer stuck, and the socket is sparking", []),  # raised by a check
    ],
)
def test_every_emergency_outcome_carries_awaab_emergency(text, vulnerabilities):
    outcome = default_ruleset().classify(text, vulnerabilities)
    assert outcome.priority == "emergency"
    assert outcome.hazard == "awaab_emergency"


def test_a_routine_outcome_is_not_an_awaab_emergency():
    outcome = default_ruleset().classify("kitchen cupboard door hinge loose")
    assert outcome.priority != "emergency" and outcome.hazard == "none"


def test_a_leaf_whose_priority_and_hazard_disagree_is_refused_with_its_line(rules_copy):
    line = replace_once(
        rules_copy / "electrics.yaml",
        "      - id: electrics_water_in_electrics\n"
        "        label: Water getting into lights, sockets or the fuse box\n"
        "        priority: emergency\n"
        "        hazard: awaab_emergency\n",
        "      - id: electrics_water_in_electrics\n"
        "        label: Water getting into lights, sockets or the fuse box\n"
        "        priority: emergency\n"
        "        hazard: none\n",
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.line == line + 3
    assert "awaab_emergency" in caught.value.message


@pytest.mark.parametrize("name", ["triage_labelled.jsonl", "triage_holdout.jsonl"])
def test_the_labelled_sets_follow_the_policy(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["priority"] == "emergency":
            assert row["hazard"] == "awaab_emergency"
        else:
            assert row["hazard"] in ("awaab_significant", "none")
