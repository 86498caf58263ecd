"""The leaf scorer's reading of negations and of names inside longer names."""

from triage_rules import default_ruleset


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


def test_the_emergency_check_still_sees_a_negated_hazard_word():
    # "no leak" must not hide "pipe burst" elsewhere: negation is the scorer's only.
    outcome = default_ruleset().classify("no leak yesterday but today the pipe burst")
    assert outcome.priority == "emergency"


def test_a_name_inside_a_longer_name_does_not_vote():
    rules, _, found, covered = _found("path to the front door is cracked")
    front_door = rules._index.ids[("front", "door")]
    assert front_door in found
    assert covered[1] == 3 and covered[2] == 3  # inside "path to front door"
    assert default_ruleset().classify("path to the front door is cracked").category == "external"


def test_an_exclude_word_counts_even_inside_a_longer_name():
    # "leaking from" is a name of its own, yet "leaking" still rules out a stuck valve.
    outcome = default_ruleset().classify("radiator is leaking from the valve")
    assert outcome.problem == "radiator_leaking"


def test_a_phrase_that_stop_words_shrink_is_not_left_to_vote_alone():
    # "get back to me" once read as any "back": "the grass round the back" was an enquiry.
    outcome = default_ruleset().classify(
        "immersion's packed in so no hot water, and the grass needs cutting round the back"
    )
    assert outcome.category == "heating_hot_water", outcome.problem


def test_rain_alone_no_longer_reads_as_a_roof_leak():
    # "rain gets in" shrank to "rain"; a letterbox that lets the rain in is a door.
    assert default_ruleset().classify("letterbox lets the rain in").category == "doors_locks"
