"""Words that stop words would shrink to one word are refused where they cancel a match."""

import pytest

from tests.triage.rule_files import replace_once
from triage_rules import RuleFileError, default_ruleset, load_ruleset


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


def test_one_radiator_cold_while_the_rest_are_warm_is_a_cold_radiator():
    outcome = default_ruleset().classify("the radiator in my bedroom is cold, the rest are warm")
    assert outcome.problem == "radiator_cold"
