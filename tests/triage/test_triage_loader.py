"""Loading the rule files: the bundled set loads with a content version; a wrong file is
refused with the file, the line and what is wrong."""

from pathlib import Path

import pytest

from tests.triage.rule_files import replace_in, replace_once
from triage_rules import RuleFileError, load_ruleset


def test_bundled_rules_load_with_a_content_hash_version():
    rules = load_ruleset()
    assert rules.version.startswith("sha256:") and len(rules.version) == 23
    assert load_ruleset().version == rules.version


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


def test_a_duplicate_key_is_refused(rules_copy):
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


def test_an_unless_term_that_stop_words_shrink_to_one_word_is_refused(rules_copy):
    line = replace_once(
        rules_copy / "emergency.yaml",
        "unless: [grinding, jerking]",
        "unless: [grinding, jerking, other lifts]",
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.line == line
    assert "'other lifts' reads as just 'lift'" in caught.value.message


def test_an_exclude_term_that_stop_words_shrink_to_one_word_is_refused(rules_copy):
    line = replace_once(
        rules_copy / "heating_hot_water.yaml",
        "exclude: [works fine, heats up fine, heats fine,",
        "exclude: [works fine, heats up fine, still warm, heats fine,",
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.line == line
    assert "'still warm' reads as just 'warm'" in caught.value.message


@pytest.mark.parametrize(
    "also, message",
    [
        ("[roof_leaks_pouring]", "unknown leaf 'roof_leaks_pouring' in also_leaves"),
        ("[roof_leaking]", "'roof_leaking' must be an emergency of a category of its own"),
        ("[water_leak_into_electrics]", "must be an emergency of a category of its own"),
    ],
)
def test_a_wrong_other_job_for_a_check_is_refused_with_its_line(rules_copy, also, message):
    line = replace_in(
        rules_copy / "emergency.yaml",
        "also_leaves: [roof_leak_pouring]",
        f"also_leaves: {also}",
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.file.endswith("emergency.yaml")
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "label: A pipe is leaking but the leak can be contained\n",
            "label: A pipe is leaking but the leak can be contained\n        tags: [general]\n",
            "water_leak already has a general leaf",
        ),
        (
            "a leak I cannot stop\n        tags: [needs_check]",
            "a leak I cannot stop\n        tags: [needs_check, general]",
            "general leaf 'water_flooding' may not be an emergency",
        ),
    ],
)
def test_a_second_or_an_emergency_general_leaf_is_refused(rules_copy, old, new, message):
    replace_once(rules_copy / "water.yaml", old, new)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.file.endswith("water.yaml")
    assert message in caught.value.message


LIFT_AND_COLLAPSE = "the lift was out of action for a week and people were collapsing on the stairs"


def test_a_danger_of_any_subject_sends_the_subjects_job_only_when_the_check_says_so(
    rules_copy,
):
    marked = load_ruleset().classify(LIFT_AND_COLLAPSE)
    assert (marked.category, marked.priority) == ("communal", "emergency")
    assert marked.emergency_reasons == ("Ceiling or structure collapsed or about to collapse",)
    replace_once(
        rules_copy / "emergency.yaml",
        "    leaf: structure_collapse\n    any_subject: true",
        "    leaf: structure_collapse",
    )
    unmarked = load_ruleset(rules_copy).classify(LIFT_AND_COLLAPSE)
    assert (unmarked.problem, unmarked.priority) == ("structure_collapse", "emergency")
    # A tenant who answers that the danger is happening gets its own job.
    answered = load_ruleset().classify(LIFT_AND_COLLAPSE, answers={"ceiling_collapse": "yes"})
    assert (answered.problem, answered.priority) == ("structure_collapse", "emergency")


def test_any_subject_must_be_true_or_false(rules_copy):
    line = replace_once(
        rules_copy / "emergency.yaml",
        "    leaf: structure_collapse\n    any_subject: true",
        "    leaf: structure_collapse\n    any_subject: sometimes",
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.file.endswith("emergency.yaml")
    assert "any_subject" in caught.value.message
    assert caught.value.line == line + 1


def test_storeys_and_a_leafs_own_weak_objects_read_as_written():
    rules = load_ruleset()
    # "top floor" is a storey: it names neither the floor nor, beside a noise, the lift out.
    assert rules.classify("I live on the top floor and the floor is rotten").problem != (
        "communal_lift_not_working"
    )
    assert rules.classify("I'm on the top floor, it is not easy for me").category == "communal"
    noisy = rules.classify("the lift on the 9th floor is grinding and the doors are slow")
    assert noisy.problem == "communal_lift_faulty"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("ask: insecure_door", "ask: insecure_doors", "unknown emergency check 'insecure_doors'"),
        ("raise_from: [urgent, routine]", "raise_from: [emergency]", "raise_from"),
        ("enabled: true", "enabled: yes please", "enabled"),
        ("  - id: water_supply\n", "  - id: security\n", "duplicate net id 'security'"),
        ("    ask: no_water\n", "    ask: no_water\n    colour: blue\n", "unknown key 'colour'"),
    ],
)
def test_a_wrong_net_file_is_refused_with_its_line(rules_copy, old, new, message):
    replace_in(rules_copy / "safety_net.yaml", old, new)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert "safety_net.yaml:" in str(caught.value)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "low_confidence: 0.4",
            "low_confidence: 1.5",
            "low_confidence must be a number from 0 to 1",
        ),
        ("low_confidence: 0.4", "low_confidence: high", "low_confidence must be a number from 0"),
        ("long_words: 30", "long_words: 0", "long_words must be at least 1"),
        ("long_words: 30", "long_words: forty", "long_words must be a non-negative whole number"),
        ("several_problems: 2", "several_problems: 1", "several_problems must be at least 2"),
        ("several_problems: 2", "several_problem: 2", "unknown key 'several_problem' in uncertain"),
        ("confident: 0.55", "confident: 2", "confident must be a number from 0 to 1"),
        (
            "emergency_likely: 0.25",
            "emergency_likely: 7",
            "emergency_likely must be a number from 0 to 1",
        ),
        ("ranker_guess: 0.25", "ranker_guess: 2", "ranker_guess must be a number from 0 to 1"),
        (
            "  emergency_likely: 0.1 ",
            "  emergency_likely: 1.5 ",
            "emergency_likely must be a number from 0 to 1",
        ),
        (
            "  emergency_likely: 0.1 ",
            "  emergency_likly: 0.1 ",
            "unknown key 'emergency_likly' in review",
        ),
    ],
)
def test_a_wrong_setting_is_refused_with_its_line(rules_copy, old, new, message):
    line = replace_once(rules_copy / "settings.yaml", old, new)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.file.endswith("settings.yaml")
    assert caught.value.line == line and message in caught.value.message


def test_a_settings_file_without_the_uncertain_section_keeps_the_defaults(rules_copy):
    settings = rules_copy / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    start = text.index("uncertain:")
    settings.write_text(text[:start] + text[text.index("questions:", start) :], encoding="utf-8")
    loaded = load_ruleset(rules_copy).settings
    assert (
        loaded.uncertain_long_words,
        loaded.uncertain_several_problems,
        loaded.uncertain_low_confidence,
        loaded.uncertain_emergency_likely,
    ) == (30, 2, 0.4, 0.0)
    assert loaded.review_emergency_likely == 0.0  # the section after it went too


def test_whole_words_must_be_a_list(rules_copy):
    path = rules_copy / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("whole_words: [")
    end = text.index("]", start) + 1
    path.write_text(text[:start] + "whole_words: lockdown" + text[end:], encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert "whole_words" in caught.value.message


def test_a_whole_word_is_neither_corrected_nor_cut(rules_copy):
    # "smellgas" is a made-up word a landlord might keep whole (a product name, say).
    assert load_ruleset(rules_copy)._index.normaliser.tokens("smellgas") == ["smell", "gas"]
    replace_once(
        rules_copy / "vocabulary.yaml",
        "whole_words: [lockdown,",
        "whole_words: [smellgas, lockdown,",
    )
    assert len(load_ruleset(rules_copy)._index.normaliser.tokens("smellgas")) == 1


@pytest.mark.parametrize(
    "file, old, new, shown",
    [
        # A cue: "weeks old" read as "old" found a baby in "my old boiler".
        ("vulnerability.yaml", "infant: [baby,", "infant: [weeks old, baby,", "'weeks old'"),
        # A detect term: "like a river" read as "river", a flood for "we live by the river".
        (
            "emergency.yaml",
            "leak everywhere, river of water,",
            "leak everywhere, like a river,",
            "'like a river'",
        ),
        # A concept's term, used by checks and leaves alike.
        (
            "vocabulary.yaml",
            "fizz, fizzes, popping, pops, arcing,",
            "fizz, fizzes, popping, pops, too hot, arcing,",
            "'too hot'",
        ),
    ],
)
def test_a_term_that_stop_words_shrink_to_one_word_is_refused(rules_copy, file, old, new, shown):
    line = replace_once(rules_copy / file, old, new)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert caught.value.line == line
    assert f"{shown} reads as just" in caught.value.message


def test_only_a_term_of_several_words_read_as_one_is_shrunk():
    normaliser = load_ruleset()._index.normaliser
    assert normaliser.shrunk("weeks old") == "old"
    assert normaliser.shrunk("about to fall") == "fall"
    # Joined on purpose before stop words go: a break-in, not a bare "kick".
    assert normaliser.shrunk("kicked in") is None
    assert normaliser.shrunk("front door") is None
    assert normaliser.shrunk("drawer") is None
    assert normaliser.shrunk("@break_in") is None
