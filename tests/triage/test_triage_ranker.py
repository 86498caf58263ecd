"""The learnt ranker (triage_rules/ranker.py, blend.py, rules/ranker.json): it reads as
plain data, ranks categories, and never declares or lowers an emergency or a hazard."""

import json

import pytest

from triage_rules import RuleFileError, default_ruleset, load_ruleset
from triage_rules.blend import plausible
from triage_rules.decide import matching_check
from triage_rules.ranker import Ranker, features

PESTS_FOR_EVERYTHING = {"gas", "smell", "kitchen", "tap", "drip", "ceil", "fell", "down", "mould"}


def _sure_ranker(category: str, usual_leaf: str, words: set[str]) -> Ranker:
    """A ranker sure that every text with one of ``words`` is about ``category``, to
    push the blend as far as it goes."""
    others = [c for c in ("pests", "gas", "water_leak", "windows") if c != category]
    weights = {f: [9.0] + [-9.0] * len(others) for f in words}
    return Ranker(
        [category, *others],
        dict.fromkeys(weights, 1.0),
        weights,
        [0.0] * (1 + len(others)),
        {category: usual_leaf},
        {},
    )


def _pests_ranker(rules) -> Ranker:
    return _sure_ranker("pests", "pests_mice_inside", PESTS_FOR_EVERYTHING)


def test_features_are_the_words_and_their_neighbouring_pairs():
    assert features(["boiler", "broken", "heat"]) == [
        "boiler",
        "broken",
        "heat",
        "boiler broken",
        "broken heat",
    ]


def test_word_pairs_do_not_reach_across_a_sentence():
    tokens = default_ruleset()._index.normaliser.tokens("Cold water by the fridge. We stopped!")
    assert tokens.count(".") == 1 and tokens[-1] != "."
    before, after = tokens[tokens.index(".") - 1], tokens[tokens.index(".") + 1]
    assert f"{before} {after}" not in features(tokens)
    assert features(["fridg", ".", "stop"]) == ["fridg", "stop"]


def test_the_bundled_ranker_gives_probabilities_for_every_category_it_knows():
    rules = default_ruleset()
    assert rules.ranker is not None and rules.settings.ranker_weight > 0
    tokens = rules._index.normaliser.tokens("mice running round the kitchen at night")
    probabilities = rules.ranker.probabilities(tokens)
    assert abs(sum(probabilities.values()) - 1) < 1e-9
    assert max(probabilities, key=probabilities.get) == "pests"
    assert rules.ranker.probabilities([]) == rules.ranker.probabilities(["zzz"]) == {}


def test_the_subject_of_a_complaint_beats_the_room_it_was_seen_in():
    outcome = default_ruleset().classify(
        "When I am in the kitchen I can hear them in the ceiling and there are droppings "
        "in the cupboards under the sink"
    )
    assert outcome.category == "pests"


def test_an_emergency_check_stands_whatever_the_ranker_thinks():
    rules = default_ruleset()
    pushed = rules.with_ranker(_pests_ranker(rules), 10)
    outcome = pushed.classify("strong smell of gas in the kitchen")
    assert outcome.priority == "emergency" and outcome.hazard == "awaab_emergency"
    assert "Smell of gas or a gas leak" in outcome.emergency_reasons


def test_the_ranker_never_replaces_an_emergency_leaf_nor_makes_one():
    rules = default_ruleset()
    pushed = rules.with_ranker(_pests_ranker(rules), 10)
    plain = rules.with_ranker(None)
    fell = "the kitchen ceiling fell down"
    assert plain.classify(fell).priority == "emergency"
    assert pushed.classify(fell).priority == "emergency"
    vague = pushed.classify("the kitchen ceiling has a mark")
    assert vague.category == "pests" and vague.priority == "urgent"
    assert vague.candidates[0].category == "pests"


def test_a_category_the_ranker_alone_offers_never_makes_the_job_more_urgent():
    # The rules read a dripping tap (routine); a ranker sure it is pests offers its usual
    # leaf (mice, urgent) first among the candidates, but may not choose it.
    rules = default_ruleset()
    pushed = rules.with_ranker(_pests_ranker(rules), 10)
    text = "something up with the kitchen tap"
    plain = rules.with_ranker(None).classify(text)
    outcome = pushed.classify(text)
    assert (outcome.problem, outcome.priority) == (plain.problem, "routine")
    assert outcome.candidates[0].category == "pests"


def test_the_ranker_does_not_choose_a_faint_reading_over_a_plain_one():
    # "Rain" alone is a faint roof reading; the words describe a letterbox or a window
    # (blend.plausible). A ranker sure it is the roof still lists the roof first.
    rules = default_ruleset()
    roofer = rules.with_ranker(_sure_ranker("roof_gutters", "roof_leaking", {"rain"}), 10)
    for text, category in [
        ("letterbox lets the rain in", "doors_locks"),
        ("rain is coming from the window when it rain", "windows"),
    ]:
        assert rules.with_ranker(None).classify(text).category == category
        outcome = roofer.classify(text)
        assert outcome.category == category
        assert outcome.candidates[0].category == "roof_gutters"


def test_a_fainter_reading_may_be_chosen_only_when_it_is_as_pressing():
    leaf = default_ruleset().leaf("shower_not_working")
    scores = {leaf.id: 0.3}
    assert not plausible(leaf, scores, 1.0)  # a third of the best: too faint to raise
    assert plausible(leaf, scores, 1.0, as_pressing=True)
    assert not plausible(leaf, {leaf.id: 0.05}, 1.0, as_pressing=True)
    assert plausible(leaf, {}, 1.0)  # offered by the ranker alone, through its usual leaf


def test_among_emergencies_of_several_categories_the_ranker_s_likeliest_decides():
    rules = default_ruleset()
    leaves = {leaf.id: leaf for leaf in rules.leaves}
    by_category = {}
    for check in rules.checks:
        by_category.setdefault(leaves[check.leaf].category, check)
    first, second = by_category["water_leak"], by_category["electrical"]
    top = leaves[first.leaf]
    assert matching_check([first, second], top, leaves) is first
    assert matching_check([first, second], top, leaves, {"electrical": 0.7}) is second
    assert matching_check([first, second], top, leaves, {"pests": 0.9}) is first
    assert matching_check([second], top, leaves, {"water_leak": 0.9}) is second


def test_the_ranker_never_loses_a_hazard_the_rules_found():
    rules = default_ruleset()
    text = "black mould spreading in the children's bedroom"
    plain = rules.with_ranker(None).classify(text)
    assert plain.hazard == "awaab_significant"
    assert rules.with_ranker(_pests_ranker(rules), 10).classify(text).hazard == plain.hazard


def _alarmed(rules, words: set[str]) -> Ranker:
    """The bundled ranker with an emergency model sure of every text with one of
    ``words``, and of no other."""
    r = rules.ranker
    weights = dict.fromkeys(words, 99.0)
    idf = {**r.idf, **dict.fromkeys(words, 1.0)}
    return Ranker(r.classes, idf, r.weights, r.intercept, r.usual_leaf, {}, (-20.0, weights))


def test_the_emergency_model_makes_the_channel_ask_but_never_raises_anything():
    rules = default_ruleset()
    text = "the kitchen cupboard door hinge is loose"
    plain = rules.classify(text)
    assert not plain.uncertain and plain.priority == "routine"
    tokens = rules._index.normaliser.tokens(text)
    alarmed = rules.with_ranker(_alarmed(rules, set(tokens)))
    assert alarmed.ranker.emergency_likelihood(tokens) > 0.99
    outcome = alarmed.classify(text)
    assert outcome.uncertain
    assert (outcome.priority, outcome.hazard, outcome.problem) == (
        plain.priority,
        plain.hazard,
        plain.problem,
    )
    calm = rules.with_ranker(_alarmed(rules, {"zzz"}))
    assert calm.ranker.emergency_likelihood(tokens) < 0.01
    assert not calm.classify(text).uncertain


def test_an_emergency_the_checks_found_is_not_made_uncertain_by_the_model():
    rules = default_ruleset()
    text = "I can smell gas in the kitchen"
    tokens = set(rules._index.normaliser.tokens(text))
    outcome = rules.with_ranker(_alarmed(rules, tokens)).classify(text)
    assert outcome.priority == "emergency" and not outcome.uncertain


def test_the_bundled_emergency_model_reads_danger_in_words_the_rules_do_not_know():
    rules = default_ruleset()
    likely = rules.emergency_likelihood
    assert likely("no heat 2 kids") > rules.settings.uncertain_emergency_likely
    assert likely("kitchen tap dripping") < 0.1
    assert likely("the kitchen cupboard door hinge is loose") < 0.1
    assert likely("") == likely("zzz qqq") == 0.0
    # Without a ranker there is no model to ask.
    assert rules.with_ranker(None).emergency_likelihood("no heat 2 kids") == 0.0


def test_emergency_likely_zero_switches_the_model_s_say_off(rules_copy):
    settings = rules_copy / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("emergency_likely:", "emergency_likely: 0 #"), "utf-8")
    off = load_ruleset(rules_copy)
    assert off.settings.uncertain_emergency_likely == 0
    assert default_ruleset().classify("no heat 2 kids").uncertain
    outcome = off.classify("no heat 2 kids")
    assert outcome.uncertain == (outcome.confidence < off.settings.uncertain_low_confidence)


def test_weight_zero_switches_the_ranker_off(rules_copy):
    settings = rules_copy / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("ranker_weight:", "ranker_weight: 0 #"), encoding="utf-8")
    off = load_ruleset(rules_copy)
    assert off.ranker is None
    words = "Luckily nobody was hurt but my kids could have been stood under it"
    assert off.classify(words).to_contract_dict() == (
        default_ruleset().with_ranker(None).classify(words).to_contract_dict()
    )


def test_the_ranker_file_is_part_of_the_rule_set_s_version(rules_copy):
    before = load_ruleset(rules_copy).version
    ranker = rules_copy / "ranker.json"
    doc = json.loads(ranker.read_text(encoding="utf-8"))
    doc["intercept"][0] += 0.5
    ranker.write_text(json.dumps(doc), encoding="utf-8")
    assert load_ruleset(rules_copy).version != before


def test_a_rules_folder_without_a_ranker_runs_on_the_rules_alone(rules_copy):
    (rules_copy / "ranker.json").unlink()
    assert load_ruleset(rules_copy).ranker is None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda doc: "not json{", "not valid JSON"),
        (lambda doc: {**doc, "format": 99}, "format 1"),
        (lambda doc: {**doc, "classes": ["pests", "gremlins"]}, "unknown categories"),
        (lambda doc: {**doc, "intercept": [0.0]}, "one number per class"),
        (lambda doc: {**doc, "usual_leaf": {"gas": "no_such_leaf"}}, "unknown leaves"),
        (lambda doc: {**doc, "usual_leaf": {"gas": "gas_smell"}}, "not an emergency"),
        (lambda doc: {**doc, "usual_leaf": {"pests": "gas_smell"}}, "that category"),
        (lambda doc: {k: v for k, v in doc.items() if k != "idf"}, "malformed ranker"),
        (lambda doc: {**doc, "emergency": [1.0]}, "malformed ranker"),
        (lambda doc: {**doc, "emergency": {"intercept": 0.0}}, "malformed ranker"),
        (
            lambda doc: {**doc, "emergency": {"intercept": 0.0, "weights": {"zzz qqq": 1.0}}},
            "needs its idf",
        ),
    ],
)
def test_a_malformed_ranker_is_refused_naming_its_file(rules_copy, edit, message):
    ranker = rules_copy / "ranker.json"
    changed = edit(json.loads(ranker.read_text(encoding="utf-8")))
    ranker.write_text(changed if isinstance(changed, str) else json.dumps(changed), "utf-8")
    with pytest.raises(RuleFileError) as refused:
        load_ruleset(rules_copy)
    assert "ranker.json" in str(refused.value.file) and message in str(refused.value)


def test_words_no_rule_reads_get_the_ranker_s_guess_with_its_questions():
    rules = default_ruleset()
    text = "her younger daughter's bedroom was too cold all winter"
    assert rules.with_ranker(None).classify(text).problem is None
    outcome = rules.classify(text)
    # The rules' best faint reading of the category, else its usual leaf.
    assert outcome.category == "heating_hot_water" and outcome.priority == "urgent"
    # A guess, not a reading: no confidence, so the channel asks, and the problem's own
    # question and the category's emergency questions come with it.
    assert outcome.confidence == 0.0 and outcome.uncertain
    assert "leaf" in outcome.question_ids and "carbon_monoxide" in outcome.question_ids
    assert outcome.problem in {c.problem for c in outcome.candidates}


def test_a_guess_is_the_usual_leaf_and_the_household_still_counts():
    words = {"zz", "qq", "rr", "ss"}  # "zzz qqq rrr sss" as the normaliser reads it
    sure = _sure_ranker("heating_hot_water", "heating_no_heating_or_hot_water", words)
    rules = default_ruleset().with_ranker(sure)
    text = "zzz qqq rrr sss"
    alone = rules.classify(text)  # no faint reading at all: the usual leaf
    assert alone.problem == "heating_no_heating_or_hot_water" and alone.priority == "urgent"
    # The usual leaf is never an emergency of its own; the household's vulnerability
    # rules apply to it as to any reading.
    elderly = rules.classify(text, ["elderly"])
    assert (elderly.priority, elderly.hazard) == ("emergency", "awaab_emergency")
    assert "cold_home_vulnerable" in elderly.vulnerability_rules
    # Too few words the ranker knows: no guess.
    assert rules.classify("zzz qqq").problem is None


def test_a_category_s_general_leaf_in_the_rule_files_is_its_usual_leaf():
    words = {"zz", "qq", "rr", "ss"}
    # The ranker's file learnt a dripping tap as the usual leak; the rule files' general
    # leaf for leaks (tags: [general]) is the job a leak of unknown source needs.
    sure = _sure_ranker("water_leak", "kitchen_tap_dripping", words)
    outcome = default_ruleset().with_ranker(sure).classify("zzz qqq rrr sss")
    assert (outcome.category, outcome.problem) == ("water_leak", "water_leak_unknown")
    assert default_ruleset().general_leaves["walls_floors_ceilings"] == "wall_plaster_damaged"


@pytest.mark.parametrize(
    "text",
    [
        "ok thx",  # too few words to guess from
        "the car alarm outside keeps going off",  # the rules rule the smoke alarm out
        "can you tell me when my rent is due",  # the rules read it: an enquiry
    ],
)
def test_the_ranker_does_not_guess_at_too_little_or_at_what_the_rules_ruled_out(text):
    outcome = default_ruleset().classify(text)
    assert outcome.category == "other"


def test_ranker_guess_zero_leaves_unread_words_unread(rules_copy):
    settings = rules_copy / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("ranker_guess:", "ranker_guess: 0 #"), encoding="utf-8")
    off = load_ruleset(rules_copy)
    assert off.settings.ranker_guess == 0 and off.ranker is not None
    assert off.classify("her younger daughter's bedroom was too cold all winter").problem is None
