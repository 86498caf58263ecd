"""Assembling the outcome (triage_rules/engine.py): its shape, the questions that would
settle it, answers, the chosen leaf's advice, self-help and job code."""

from tests.triage.contract import KEYS
from tests.triage.rule_files import replace_in
from triage_rules import Candidate, TriageOutcome, default_ruleset, load_ruleset


def test_outcome_shape_and_contract_dict():
    rules = default_ruleset()
    outcome = rules.classify("kitchen tap dripping")
    assert isinstance(outcome, TriageOutcome)
    assert list(outcome.to_contract_dict()) == KEYS
    assert outcome.problem == "kitchen_tap_dripping"
    assert outcome.ruleset_version == rules.version
    assert all(isinstance(c, Candidate) for c in outcome.candidates)
    scores = [c.score for c in outcome.candidates]
    assert scores == sorted(scores, reverse=True)
    assert 0 <= outcome.confidence <= 1


def test_unsure_text_asks_the_questions_that_would_settle_it():
    rules = default_ruleset()
    outcome = rules.classify("sink")
    assert outcome.confidence < rules.settings.confident
    assert outcome.questions and len(outcome.questions) == len(outcome.question_ids)


def test_answers_settle_the_outcome():
    rules = default_ruleset()
    settled = rules.classify("sink", answers={"leaf": "basin_blocked"})
    assert settled.problem == "basin_blocked" and settled.questions == ()
    narrowed = rules.classify("tap dripping", answers={"location": "bathroom"})
    assert narrowed.problem == "bathroom_tap_dripping"
    forced = rules.classify("something is wrong", answers={"gas_smell": "yes"})
    assert forced.priority == "emergency" and forced.category == "gas"


def test_tenant_responsibility_and_self_help():
    rules = default_ruleset()
    assert rules.classify("locked out, lost my keys").eligibility == "tenant_responsibility"
    bleed = rules.outcome_for_leaf("radiator_cold")
    assert any("Bleed" in step for step in bleed.self_help)
    trip = rules.outcome_for_leaf("electrics_keeps_tripping")
    assert any("reset" in step for step in trip.self_help)


def test_gas_advice_is_to_leave_and_call_the_gas_emergency_line_with_nothing_to_book():
    outcome = default_ruleset().classify("strong smell of gas in the hall")
    advice = " ".join(outcome.safety_advice)
    assert "National Gas Emergency Service" in advice and "0800 111 999" in advice
    assert "nothing to book" in advice
    assert "switches" in advice and "flames" in advice
    assert outcome.dispatch == "none" and outcome.trade == "gas_engineer"


def test_job_code_overrides_come_from_settings(rules_copy):
    replace_in(
        rules_copy / "settings.yaml",
        "job_code_overrides: {}",
        "job_code_overrides:\n  kitchen_sink_blocked: '20060030'",
    )
    outcome = load_ruleset(rules_copy).outcome_for_leaf("kitchen_sink_blocked")
    assert outcome.job_code == "20060030"
