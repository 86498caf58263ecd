"""The safety net (rules/safety_net.yaml, triage_rules/safety_net.py).

Every net has texts that set it off and texts that must not (cases/safety_net/, one file
per net): a negation ("no smell of gas"), contained phrasing ("caught in a bucket", "still
locks") or a smaller problem next to the hazard words. The cases test the net on its own
(``catch``), so a trigger stays covered even when an emergency check already catches the
same text; the tests here check the outcome it gives and how staff switch it.
"""

from __future__ import annotations

import pytest

from tests.triage import phrases
from tests.triage.rule_files import replace_in
from triage_rules import default_ruleset, load_ruleset
from triage_rules.loader import BUNDLED

RULES = default_ruleset()
PREFIX = RULES.safety_net.reason_prefix


@pytest.mark.parametrize("case", phrases.params("safety_net"))
def test_safety_net_phrase(case):
    phrases.check(case)


def test_every_net_has_triggers_and_non_triggers():
    cases = phrases.load("safety_net")
    ids = {net.id for net in RULES.safety_net.nets}
    assert {case.expect["net"] for case in cases if "net" in case.expect} == ids
    assert {case.refuse["net"] for case in cases if "net" in case.refuse} == ids


@pytest.mark.parametrize(
    "text, reason",
    [
        ("patio door jammed half open", "a door, window or lock that may leave the home open"),
        ("kitchen tap not giving any water", "no water at the taps"),
        ("the fuse board is buzzing", "electrics that smell, smoke, get hot or make a noise"),
    ],
)
def test_a_net_raises_the_outcome_and_says_so(text, reason):
    outcome = RULES.classify(text)
    assert outcome.priority == "emergency"
    assert outcome.hazard == "awaab_emergency"
    assert f"{PREFIX}{reason}" in outcome.emergency_reasons
    assert outcome.dispatch != "appointment"


def test_the_follow_up_question_is_the_emergency_check_s_own():
    outcome = RULES.classify("patio door jammed half open")
    check = next(c for c in RULES.checks if c.id == "insecure_door")
    assert outcome.questions[0] == check.question
    assert outcome.question_ids[0] == "insecure_door"
    # Every net's question is an existing check's, so nothing new needs translating.
    questions = {c.question for c in RULES.checks}
    assert all(net.question in questions for net in RULES.safety_net.nets if net.ask)


def test_a_net_never_touches_an_outcome_the_checks_made_an_emergency():
    outcome = RULES.classify("smell of gas in the hall")
    assert not any(r.startswith(PREFIX) for r in outcome.emergency_reasons)


def test_a_tenant_s_no_to_the_question_switches_the_net_off():
    raised = RULES.classify("patio door jammed half open")
    answered = RULES.classify("patio door jammed half open", answers={"insecure_door": "no"})
    assert raised.priority == "emergency"
    assert answered.priority != "emergency"
    assert not any(r.startswith(PREFIX) for r in answered.emergency_reasons)


def test_routine_outcomes_elsewhere_are_left_alone():
    outcome = RULES.classify("kitchen cupboard door hanging off")
    assert outcome.priority != "emergency"
    assert not any(r.startswith(PREFIX) for r in outcome.emergency_reasons)


def test_the_guided_journey_s_chosen_leaf_is_not_netted():
    leaf = RULES.leaf("doors_sticking")
    assert RULES.outcome_for_leaf(leaf.id).priority == leaf.priority


def test_the_net_can_be_switched_off(rules_copy):
    replace_in(rules_copy / "safety_net.yaml", "enabled: true", "enabled: false")
    ruleset = load_ruleset(rules_copy)
    assert ruleset.classify("patio door jammed half open").priority != "emergency"


def test_raise_from_limits_what_the_net_raises(rules_copy):
    replace_in(
        rules_copy / "safety_net.yaml", "raise_from: [urgent, routine]", "raise_from: [urgent]"
    )
    ruleset = load_ruleset(rules_copy)
    outcome = ruleset.classify("patio door jammed half open")
    assert outcome.priority == RULES.leaf(outcome.problem).priority
    assert "security" in phrases.nets("patio door jammed half open", ruleset)


def test_a_rules_folder_without_the_file_has_no_net(rules_copy):
    (rules_copy / "safety_net.yaml").unlink()
    ruleset = load_ruleset(rules_copy)
    assert not ruleset.safety_net.enabled
    assert ruleset.classify("patio door jammed half open").priority != "emergency"


def test_net_text_is_staff_only_and_never_extracted_for_translation():
    from triage_rules.babel_extract import extract_rules

    with (BUNDLED / "safety_net.yaml").open("rb") as handle:
        assert list(extract_rules(handle, (), (), {})) == []
