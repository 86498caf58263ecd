"""Loading the rule files: the bundled set is valid and wide; a bad file is refused."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.triage.rule_files import replace_in
from triage_rules import RuleFileError, default_ruleset, load_ruleset
from triage_rules.schema import CATEGORIES

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


def test_bundled_rules_load_with_a_content_hash_version():
    rules = load_ruleset()
    assert rules.version.startswith("sha256:") and len(rules.version) == 23
    assert load_ruleset().version == rules.version


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


def test_an_edit_changes_the_version(rules_copy: Path):
    before = load_ruleset(rules_copy).version
    replace_in(rules_copy / "settings.yaml", "urgent_working_days: 5", "urgent_working_days: 4")
    assert load_ruleset(rules_copy).version != before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "        priority: urgent\n        job_code: KT1020",
            "        priority: hgih\n        job_code: KT1020",
            "priority must be one of",
        ),
        (
            "        job_code: KT1020",
            "        job_code: KT1020\n        colour: red",
            "unknown key 'colour'",
        ),
        (
            "        category: water_leak\n        priority: urgent\n        job_code: KT1020",
            "        category: leaks\n        priority: urgent\n        job_code: KT1020",
            "category must be one of",
        ),
        (
            "duration: 45, video_helpful: true}",
            "duration: 45, video_helpful: maybe}",
            "video_helpful must be true or false",
        ),
    ],
)
def test_a_wrong_value_is_refused_with_file_and_line(rules_copy, old, new, message):
    line = replace_in(rules_copy / "kitchen.yaml", old, new)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    error = caught.value
    assert error.file.endswith("kitchen.yaml")
    assert message in error.message
    assert line <= error.line <= line + new.count("\n")
    assert str(error).startswith(f"{error.file}:{error.line}: ")


def test_a_missing_required_field_is_refused(rules_copy):
    line = replace_in(rules_copy / "kitchen.yaml", "        job_code: KT1030\n", "")
    with pytest.raises(RuleFileError, match="missing required 'job_code'") as caught:
        load_ruleset(rules_copy)
    assert caught.value.line < line


def test_a_duplicate_leaf_id_is_refused_naming_the_first(rules_copy):
    replace_in(rules_copy / "bathroom.yaml", "id: basin_blocked", "id: kitchen_sink_blocked")
    with pytest.raises(RuleFileError, match=r"duplicate leaf id .*kitchen.yaml:\d+"):
        load_ruleset(rules_copy)


def test_a_yaml_syntax_error_is_refused_with_its_line(rules_copy):
    line = replace_in(
        rules_copy / "pests.yaml",
        "    question: Which best describes the insects?",
        "    question: [unclosed",
    )
    with pytest.raises(RuleFileError, match="YAML syntax error") as caught:
        load_ruleset(rules_copy)
    assert caught.value.file.endswith("pests.yaml")
    assert caught.value.line >= line


def test_a_duplicate_key_and_an_unknown_concept_are_refused(rules_copy):
    replace_in(
        rules_copy / "roof.yaml",
        "        job_code: RF1010",
        "        job_code: RF1010\n        job_code: RF1011",
    )
    with pytest.raises(RuleFileError, match="duplicate key 'job_code'"):
        load_ruleset(rules_copy)


def test_an_unknown_concept_is_refused(rules_copy):
    replace_in(
        rules_copy / "roof.yaml",
        '"@blocked", overflowing, overflow',
        '"@blokked", overflowing, overflow',
    )
    with pytest.raises(RuleFileError, match="unknown concept '@blokked'"):
        load_ruleset(rules_copy)


def test_a_missing_rule_file_is_refused(rules_copy):
    (rules_copy / "emergency.yaml").unlink()
    with pytest.raises(RuleFileError, match="missing"):
        load_ruleset(rules_copy)


def test_the_batch_command_refuses_to_start_on_a_malformed_file(rules_copy):
    replace_in(rules_copy / "gas.yaml", "priority: emergency", "priority: whenever")
    done = subprocess.run(
        [sys.executable, "-m", "triage_rules", "classify", "--rules", str(rules_copy)],
        input='{"text": "x"}\n',
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 1
    assert "gas.yaml:" in done.stderr and "priority must be one of" in done.stderr
