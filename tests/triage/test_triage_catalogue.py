"""The catalogue: wide enough, every leaf able to raise a job, the Where/What/Which tree,
and the Awaab's Law hazard policy on every leaf and every labelled set."""

import json
from pathlib import Path

import pytest

from triage_rules import default_ruleset
from triage_rules.schema import CATEGORIES

DATA = Path(__file__).parents[1] / "data"
AREAS = {
    "kitchen",
    "bathroom",
    "bedrooms",
    "living_areas",
    "hall_stairs",
    "outside",
    "roof",
    "communal",
    "heating_hot_water",
    "gas",
    "electrics",
    "water",
    "doors_windows_security",
    "damp_mould",
    "pests",
    "fire_safety",
}


def test_catalogue_is_wider_than_the_public_services():
    rules = default_ruleset()
    assert len(rules.leaves) >= 200
    assert {loc for loc, _ in rules.locations()} >= AREAS
    assert {leaf.category for leaf in rules.leaves} >= set(CATEGORIES)


def test_every_leaf_carries_what_is_needed_to_raise_a_job():
    for leaf in default_ruleset().leaves:
        assert leaf.job_code and leaf.duration_minutes >= 0, leaf.id
        assert leaf.dispatch in ("immediate", "appointment", "none"), leaf.id
        assert leaf.eligibility in ("landlord", "tenant_responsibility", "not_eligible")
        if leaf.priority == "emergency":
            assert leaf.dispatch != "appointment", leaf.id


def test_where_what_which_tree():
    rules = default_ruleset()
    tree = rules.problems_at("kitchen")
    assert tree and all(g["question"] and g["leaves"] for g in tree)
    leaf_id = tree[0]["leaves"][0]["id"]
    outcome = rules.outcome_for_leaf(leaf_id)
    assert outcome.problem == leaf_id and outcome.confidence == 1.0
    assert outcome.ruleset_version == rules.version


def test_every_bundled_leaf_follows_the_hazard_policy():
    for leaf in default_ruleset().leaves:
        assert (leaf.priority == "emergency") == (leaf.hazard == "awaab_emergency"), leaf.id


@pytest.mark.parametrize("name", ["triage_labelled.jsonl", "triage_holdout.jsonl"])
def test_the_labelled_sets_follow_the_hazard_policy(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["priority"] == "emergency":
            assert row["hazard"] == "awaab_emergency"
        else:
            assert row["hazard"] in ("awaab_significant", "none")
