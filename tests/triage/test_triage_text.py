"""How a tenant's words are read (triage_rules/text.py): cleaning, joined break-ins,
apostrophes, stems that must not collide, and spellings fuzzy correction must keep."""

import pytest

from triage_rules import default_ruleset
from triage_rules.text import clean, stem


def _tokens(text):
    return default_ruleset()._index.normaliser.tokens(text)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("someone broke in last night", "someone brokein last night"),
        ("there was a break-in", "there was a breakin"),
        ("the window was put in", "the window was putin"),
        ("the front door was kicked in last night", "the front door was kickedin last night"),
        ("someone kicked my door in", "someone kickedin my door"),
        ("they kicked in the back door", "they kickedin the back door"),
    ],
)
def test_a_break_in_is_one_word_because_in_is_a_stop_word(text, joined):
    assert clean(text) == joined


@pytest.mark.parametrize(
    "text",
    [
        "the handle broke in half",
        "key broke in the lock",
        "they put in a new boiler",
        "drawer broke in kitchen",
        "I put in a complaint",
        # The heating "kicks in"; only a door kicked in is a break-in.
        "the heating kicks in at six",
        "I have to kick the door in the mornings to shut it",
    ],
)
def test_in_before_a_place_or_thing_is_left_alone(text):
    assert clean(text) == text.lower()


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("intercom's broke", "intercom broke"),
        ("the loo\u2019s blocked", "the loo blocked"),
        ("it's gone", "it gone"),
        ("cant open", "cant open"),
    ],
)
def test_apostrophe_s_goes_with_its_apostrophe(raw, want):
    assert clean(raw) == want


@pytest.mark.parametrize(
    ("text", "word"), [("the loo's blocked", "toilet"), ("the leccy's gone", "electric")]
)
def test_possessive_text_speak_keeps_its_spelling(text, word):
    assert word in _tokens(text)


@pytest.mark.parametrize("word", ["droppings", "lifting", "sinking"])
def test_words_whose_stem_would_collide_keep_their_form(word):
    # "droppings" read as "drop" (a loose door), "lifting" as "lift" (the lift) and
    # "sinking" as "sink" (the kitchen sink, next to a ceiling: a collapse).
    assert stem(word) == word


def test_a_window_pane_is_not_stemmed_to_the_toilet_pan():
    assert stem("pane") == stem("panes") == "pane"
    assert stem("pans") == "pan"


@pytest.mark.parametrize("text", ["the shwer is broken", "shwr hose split"])
def test_a_misspelt_shower_is_not_corrected_to_sewer(text):
    tokens = _tokens(text)
    assert "shower" in tokens
    assert "sewer" not in tokens and "sewag" not in tokens


@pytest.mark.parametrize(
    "text", ["I'm sick of it", "sick and tired of the boiler", "sick to death of waiting"]
)
def test_being_sick_of_something_is_being_fed_up(text):
    # Read as a symptom, "sick" set off the carbon-monoxide check beside any heating.
    assert "sick" not in _tokens(text) and "fedup" in clean(text)


@pytest.mark.parametrize(
    "text",
    ["we've been flooded with letters about it", "I'm drowning in paperwork", "flooded with calls"],
)
def test_flooded_with_letters_is_a_figure_of_speech_not_water(text):
    assert "flood" not in _tokens(text) and "swamped" in clean(text)


def test_left_high_and_dry_is_being_let_down_not_dry_taps():
    assert "dry" not in _tokens("the repairs team left me high and dry, the tap is dripping")
    assert "dry" in _tokens("the taps are bone dry")


@pytest.mark.parametrize(
    "text",
    [
        "I burst into tears when they cancelled again",
        "my son burst out crying",
        "my daughter was in floods of tears",
    ],
)
def test_someone_who_burst_into_tears_is_no_burst_pipe(text):
    assert "burst" not in _tokens(text) and "wept" in clean(text)


def test_a_pipe_that_burst_is_still_a_burst():
    assert "burst" in _tokens("a pipe burst in the loft and water is coming through")


def test_bills_through_the_roof_are_no_roof():
    assert "roof" not in _tokens("our heating bills have gone through the roof")
    assert "roof" in _tokens("rain came through the roof into the loft")


def test_a_home_flooded_with_water_is_still_a_flood():
    assert "flood" in _tokens("the bathroom flooded with water from upstairs")


def test_feeling_sick_is_still_a_symptom():
    assert "sick" in _tokens("I feel sick when the boiler is on")


@pytest.mark.parametrize(
    ("typed", "word"),
    [("windw", "window"), ("dopped", "drop"), ("frst", "first")],
)
def test_a_word_with_a_letter_left_out_is_the_word_it_was_cut_from(typed, word):
    # Each is one edit from two rule words ("windw" from wind and window): the word
    # whose letters it keeps, in order, wins over one it would need a letter changed or
    # added to reach.
    assert _tokens(typed) == [word]


@pytest.mark.parametrize(("typed", "word"), [("widnow", "window"), ("celing", "ceil")])
def test_other_typos_still_find_their_word(typed, word):
    assert _tokens(typed) == [word]


def test_the_known_english_words_were_made_for_these_rule_words():
    # Rebuild with `python -m triage_rules.wordlist /usr/share/dict/british-english`
    # (Debian's wbritish) after adding rule words: an English word one letter from a new
    # rule word is otherwise "corrected" into it.
    import yaml

    from triage_rules.loader import BUNDLED
    from triage_rules.wordlist import vocabulary_digest

    made_for = yaml.safe_load((BUNDLED / "known_words.yaml").read_text())["vocabulary"]
    assert made_for == vocabulary_digest(default_ruleset().vocabulary)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("smellgas", ["smell", "gas"]),
        ("sinkblocked", ["sink", "block"]),
        ("nohotwater", ["no", "hot", "water"]),
        ("boilerbroken", ["boiler", "broken"]),
    ],
)
def test_rule_words_run_together_are_read_apart(typed, words):
    assert _tokens(typed) == words


@pytest.mark.parametrize("word", ["household", "notice", "lockdown", "gatepost"])
def test_english_words_made_of_rule_words_stay_whole(word):
    # household is house|hold, notice not|ice: the known words list every English word
    # the split would cut (lockdown, missing from the word list, is in whole_words).
    assert len(_tokens(word)) == 1


def test_a_typo_of_one_rule_word_is_corrected_before_it_is_cut_into_others():
    # "showring" is show|ring, but one letter from shower: only a clean cut (every part a
    # rule word of four letters or more) wins over a correction.
    assert _tokens("showring") == ["shower"]


@pytest.mark.parametrize(("typed", "word"), [("warer", "water"), ("lesk", "leak")])
def test_a_neighbouring_key_hit_is_the_word_meant(typed, word):
    # "warer" is one edit from warmer (a letter left out) and from water (r beside t):
    # no letter left out explains it as well as a slip onto the next key does.
    assert _tokens(typed) == [word]


def test_broke_into_is_joined_like_broke_in_but_not_across_other_words():
    assert clean("someone broke into the house") == "someone brokein the house"
    assert clean("they have broken into my flat") == "they have brokenin my flat"
    assert clean("the plate broke into pieces") == "the plate broke into pieces"
    assert "brokenin" not in clean("the boiler is broken and I have to get into the loft")


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Zoë’s café has no heat", "zoe cafe has no heat"),
        # Accents already apart from their letters go too.
        ("the cafe\u0301 leaks", "the cafe leaks"),
        # Letters with no accent to drop stay as they are, as do other scripts.
        ("Łódź", "łodz"),
        ("الماء", "الماء"),
    ],
)
def test_accents_are_dropped_and_other_letters_kept(text, cleaned):
    assert clean(text) == cleaned
