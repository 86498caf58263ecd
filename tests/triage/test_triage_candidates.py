"""Ranked candidates and the uncertain flag (triage_rules/candidates.py, decide.py; the
contract's `candidates` and `uncertain`; rules/README.md "Candidates and uncertain
outcomes")."""

import pytest

from tests.triage import phrases
from tests.triage.contract import assert_contract
from tests.triage.rule_files import replace_once
from triage_rules import default_ruleset, load_ruleset

LONG_MIXED = (
    "Hi, sorry to bother you again. Since the storm last week a few things have gone "
    "wrong. The back bedroom window is cracked right across, the fence panel by the shed "
    "has blown down, and the bath has been blocked for three days so we are washing at "
    "my sister's. The kitchen cupboard door is hanging off as well. Thanks."
)
SHORT_CLEAR = "kitchen tap dripping"
LONG_CLEAR = (
    "Hello, I hope you are well and I am sorry for writing such a long message to you "
    "today. I have lived here for eleven years and never had any trouble until now, and "
    "my neighbours have been very kind to us this week. The kitchen tap is dripping all "
    "the time, day and night."
)


def _every_case_text():
    return sorted({(c.text, c.vulnerabilities) for u in phrases.UNITS for c in phrases.load(u)})


def test_every_case_text_gives_the_contract_shape():
    # Distinct problems, at most five, best score first, the chosen problem among them.
    rules = default_ruleset()
    for text, vulnerabilities in _every_case_text():
        assert_contract(rules.classify(text, vulnerabilities).to_contract_dict())


def test_a_leaf_no_word_named_is_inserted_last_with_no_score():
    # The carbon-monoxide check chose its leaf; the matcher ranked only the gas fire.
    outcome = default_ruleset().classify(
        "black marks on the wall above the gas fire and I keep getting headaches"
    )
    assert outcome.problem == "gas_co_alarm"
    assert len(outcome.candidates) == 5
    last = outcome.candidates[-1]
    assert (last.problem, last.priority, last.score) == ("gas_co_alarm", "emergency", 0.0)
    assert outcome.candidates[0].problem != "gas_co_alarm"


GAS_AMONG_SMALL_THINGS = (
    "Hi, a few small things. The kitchen drawer runner is broken, the bathroom tap "
    "drips a bit and the garden gate latch is loose. Nothing urgent really. Oh and "
    "there's a funny smell of gas near the meter when I come in. Also the letterbox "
    "flap is stiff. Thanks."
)


def test_a_chosen_leaf_ranked_below_five_keeps_its_own_score():
    # The gas check chose the gas leaf, which the rules alone ranked below five routine ones.
    outcome = default_ruleset().with_ranker(None).classify(GAS_AMONG_SMALL_THINGS)
    assert outcome.problem == "gas_smell"
    assert outcome.candidates[-1].problem == "gas_smell"
    assert 0 < outcome.candidates[-1].score <= outcome.candidates[-2].score


def test_with_the_ranker_candidates_carry_the_blended_scores():
    # A candidate's score is the one it was ranked by: the rules' score plus the ranker's
    # share, so the list still falls from first to last and the chosen leaf keeps its place.
    rules = default_ruleset()
    alone = {
        c.problem: c.score
        for c in rules.with_ranker(None).classify(GAS_AMONG_SMALL_THINGS).candidates
    }
    outcome = rules.classify(GAS_AMONG_SMALL_THINGS)
    assert outcome.problem == "gas_smell" and outcome.priority == "emergency"
    gas = next(c for c in outcome.candidates if c.problem == "gas_smell")
    assert gas.score > alone["gas_smell"]
    assert_contract(outcome.to_contract_dict())


def test_a_candidate_s_priority_is_its_leaf_s_for_the_household():
    rules = default_ruleset()
    text = "boiler broken, no heating since yesterday"
    alone = {c.problem: c.priority for c in rules.classify(text).candidates}
    infant = {c.problem: c.priority for c in rules.classify(text, ["infant"]).candidates}
    assert alone.keys() == infant.keys()
    raised = [p for p in alone if alone[p] != infant[p]]
    assert raised and all(infant[p] == "emergency" for p in raised)
    assert all(rules.leaf(p).priority == alone[p] for p in alone)


def test_an_outcome_with_no_problem_lists_whatever_ranked():
    # The ranker does not lift a text the rules could not read: its faint readings are
    # listed with the rules' own scores, every one below a reading's threshold.
    outcome = default_ruleset().classify("the car alarm outside keeps going off")
    assert outcome.problem is None
    assert outcome.candidates and all(c.score < 0.45 for c in outcome.candidates)


def test_a_chosen_leaf_is_the_only_candidate():
    rules = default_ruleset()
    journey = rules.outcome_for_leaf("radiator_cold", ["elderly"])
    assert [(c.problem, c.priority, c.score) for c in journey.candidates] == [
        ("radiator_cold", "urgent", 1.0)
    ]
    assert not journey.uncertain
    answered = rules.classify("sink", answers={"leaf": "basin_blocked"})
    assert [c.problem for c in answered.candidates] == ["basin_blocked"]


def test_a_long_message_naming_several_problems_is_uncertain():
    outcome = default_ruleset().classify(LONG_MIXED)
    assert outcome.uncertain
    assert len({c.category for c in outcome.candidates}) >= 2


def test_a_short_clear_message_is_not_uncertain():
    outcome = default_ruleset().classify(SHORT_CLEAR)
    assert outcome.problem == "kitchen_tap_dripping" and not outcome.uncertain


def test_a_long_message_about_one_problem_is_uncertain_by_its_length():
    outcome = default_ruleset().classify(LONG_CLEAR)
    assert outcome.problem == "kitchen_tap_dripping" and outcome.uncertain


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("kitchen cupboard hinge broken, gate latch loose and the bath is blocked", "several"),
        ("sink", "low confidence"),
        ("help please", "nothing read"),
        ("", "nothing read"),
    ],
)
def test_short_messages_can_be_uncertain_too(text, why):
    outcome = default_ruleset().classify(text)
    assert len(text.split()) <= 40 and outcome.uncertain, why


def test_an_emergency_is_uncertain_only_by_its_words():
    rules = default_ruleset()
    assert not rules.classify("I can smell gas in the kitchen").uncertain
    assert rules.classify(LONG_MIXED + " And I can smell gas in the hall.").uncertain


@pytest.mark.parametrize(
    ("old", "new", "text", "before", "after"),
    [
        ("long_words: 30", "long_words: 80", LONG_CLEAR, True, False),
        (
            "several_problems: 2",
            "several_problems: 4",
            "window cracked and the bath is blocked",
            True,
            False,
        ),
        ("low_confidence: 0.4", "low_confidence: 0.9", SHORT_CLEAR, False, True),
        ("emergency_likely: 0.25", "emergency_likely: 0.9", "no heat 2 kids", True, False),
    ],
)
def test_the_thresholds_are_the_landlord_s_settings(rules_copy, old, new, text, before, after):
    assert default_ruleset().classify(text).uncertain is before
    replace_once(rules_copy / "settings.yaml", old, new)
    assert load_ruleset(rules_copy).classify(text).uncertain is after


BANGING = "my boiler is making a banging noise"


def test_words_a_little_like_an_emergency_s_are_marked_for_a_person_to_read(rules_copy):
    """A second look (rules/README.md): the learnt emergency model at least
    ``review.emergency_likely`` sure, no emergency found and nothing for the channel to ask."""
    rules = default_ruleset()
    banging = rules.classify(BANGING)
    assert banging.review and not banging.uncertain and banging.priority != "emergency"
    assert not rules.classify("the kitchen tap is dripping").review
    # Where the channel asks, or the rules found the emergency, nobody needs to read again.
    assert not rules.classify("no heat 2 kids").review  # uncertain: the channel asks
    assert not rules.classify("I can smell gas in the kitchen").review
    assert "review" not in rules.classify(BANGING).to_contract_dict()
    # The threshold is the landlord's; 0 switches the second look off.
    replace_once(rules_copy / "settings.yaml", "  emergency_likely: 0.1 ", "  emergency_likely: 0 ")
    assert not load_ruleset(rules_copy).classify(BANGING).review


def test_a_reading_is_never_both_asked_about_and_read_again(rules_copy):
    replace_once(rules_copy / "settings.yaml", "emergency_likely: 0.25", "emergency_likely: 0.1")
    outcome = load_ruleset(rules_copy).classify(BANGING)
    assert outcome.uncertain and not outcome.review


def test_a_category_the_ranker_finds_likely_is_offered_though_no_word_named_it():
    # No rule word names a complaint about the landlord, so the rules offer only repairs;
    # the ranker finds "other" likely, too faint to choose (blend.OFFER) but worth a glance.
    rules = default_ruleset()
    outcome = rules.classify("the council never listens to us")
    assert "other" in {c.category for c in outcome.candidates}
    assert "other" not in {
        c.category
        for c in rules.with_ranker(None).classify("the council never listens to us").candidates
    }
