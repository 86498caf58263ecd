"""The matcher and ranking: terms found in the words, negation, names inside longer names,
and the leaf, category, trade and priority descriptions read as (cases/matching/)."""

import pytest

from tests.triage import phrases
from triage_rules import default_ruleset


@pytest.mark.parametrize("case", phrases.params("matching"))
def test_matching_phrase(case):
    phrases.check(case)


def _found(text):
    rules = default_ruleset()
    tokens = rules._index.normaliser.tokens(text)
    found, covered = rules._index.find(tokens)
    return rules, tokens, found, covered


def test_a_symptom_straight_after_not_or_no_is_ruled_out_for_the_scorer():
    rules, tokens, found, _ = _found("pan cracked, not leaking")
    leak = rules._index.ids["leak"]
    assert leak in found
    assert leak not in rules._index.negated(found, tokens)


def test_a_symptom_further_from_the_negation_still_counts():
    rules, tokens, found, _ = _found("not sure why but the pipe is leaking")
    assert rules._index.ids["leak"] in rules._index.negated(found, tokens)


def test_a_name_inside_a_longer_name_does_not_vote():
    rules, _, found, covered = _found("path to the front door is cracked")
    front_door = rules._index.ids[("front", "door")]
    assert front_door in found
    assert covered[1] == 3 and covered[2] == 3  # inside "path to front door"
    assert default_ruleset().classify("path to the front door is cracked").category == "external"
