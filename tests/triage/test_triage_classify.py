"""Free text in tenants' own words: typos, text-speak, other first languages."""

import pytest

from triage_rules import Candidate, TriageOutcome, default_ruleset

CASES = [
    ("kitchen sink blocked, water wont go down", "drainage"),
    ("blokced sink in kitchn", "drainage"),
    ("bioler not wrking no heatin", "heating_hot_water"),
    ("toliet wont flush", "toilet_bathroom"),
    ("cieling has a big crack", "walls_floors_ceilings"),
    ("there is mouses in my kitchen", "pests"),
    ("black mold on bedrom walls", "damp_mould"),
    ("the water is not hot, only cold coming from tap", "heating_hot_water"),
    ("my house have humidity and fungus on the wall", "damp_mould"),
    ("window glass is crack in living room", "windows"),
    ("the door of bedroom not close good", "doors_locks"),
    ("fence blew down in the storm", "external"),
    ("gutter overflowing when it rains", "roof_gutters"),
    ("lift out of order again", "communal"),
    ("door entry buzzer not working", "communal"),
    ("smoke alarm chirping, battery i think", "fire_safety"),
    ("kitchen cupboard door hanging off", "kitchen"),
    ("low water pressure in all the taps", "water_supply"),
    ("pipe under the bath leaking a bit, bowl catching it", "water_leak"),
    ("plug socket not wrkin in bedroom", "electrical"),
    ("how do i pay my rent", "other"),
]


@pytest.mark.parametrize(("text", "category"), CASES)
def test_category_from_free_text(text, category):
    assert default_ruleset().classify(text).category == category


def test_outcome_shape_and_contract_dict():
    rules = default_ruleset()
    outcome = rules.classify("kitchen tap dripping")
    assert isinstance(outcome, TriageOutcome)
    assert list(outcome.to_contract_dict()) == [
        "category",
        "priority",
        "hazard",
        "trade",
        "problem",
        "confidence",
        "questions",
    ]
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


def test_a_settled_outcome_asks_nothing():
    outcome = default_ruleset().classify("mice in the kitchen, droppings everywhere")
    assert outcome.category == "pests" and outcome.questions == ()


def test_the_worst_of_several_problems_decides():
    outcome = default_ruleset().classify(
        "kitchen cupboard hinge broken, gate latch loose and the bath is blocked"
    )
    assert outcome.category == "drainage" and outcome.priority == "urgent"


def test_tenant_responsibility_and_self_help():
    rules = default_ruleset()
    assert rules.classify("locked out, lost my keys").eligibility == "tenant_responsibility"
    bleed = rules.outcome_for_leaf("radiator_cold")
    assert any("Bleed" in step for step in bleed.self_help)
    trip = rules.outcome_for_leaf("electrics_keeps_tripping")
    assert any("reset" in step for step in trip.self_help)


def test_job_code_overrides_come_from_settings(tmp_path):
    import shutil

    from triage_rules import load_ruleset
    from triage_rules.loader import BUNDLED

    rules_dir = tmp_path / "rules"
    shutil.copytree(BUNDLED, rules_dir)
    settings = rules_dir / "settings.yaml"
    settings.write_text(
        settings.read_text().replace(
            "job_code_overrides: {}", "job_code_overrides:\n  kitchen_sink_blocked: '20060030'"
        )
    )
    outcome = load_ruleset(rules_dir).outcome_for_leaf("kitchen_sink_blocked")
    assert outcome.job_code == "20060030"
