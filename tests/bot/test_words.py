"""Reading a message: keywords in English and Polish with typos, numbers, YES and NO,
references, scores; and a description never mistaken for a keyword."""

from __future__ import annotations

import pytest

from bot.engine.words import KEYWORDS, looks_polish, read, score_of
from triage_rules import default_ruleset

KNOWN = frozenset(default_ruleset().vocabulary)


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("STOP", "stop"),
        ("Stop please", "stop"),
        ("stop.", "stop"),
        ("UNSUBSCRIBE", "stop"),
        ("start", "start"),
        ("help", "help"),
        ("Hlep", "help"),
        ("POMOC", "help"),
        ("status", "status"),
        ("Statsu", "status"),
        ("stan", "status"),
        ("CHANGE", "change"),
        ("chnage", "change"),
        ("C", "change"),
        ("ZMIEŃ", "change"),
        ("zmien", "change"),
        ("zmein", "change"),
        ("cancel", "cancel"),
        ("cancle", "cancel"),
        ("ANULUJ", "cancel"),
        ("anluuj", "cancel"),
        ("agent", "agent"),
        ("call me back", "agent"),
        ("konsultant", "agent"),
        ("more", "more"),
        ("WIĘCEJ", "more"),
        ("wiecje", "more"),
        ("yes", "yes"),
        ("Y", "yes"),
        ("tak", "yes"),
        ("no thanks", "no"),
        ("NIE", "no"),
        ("polski", "polish"),
    ],
)
def test_keywords_with_typos_in_both_languages(text, keyword):
    assert read(text, KNOWN).keyword == keyword


@pytest.mark.parametrize(
    "text",
    [
        "stpo",  # STOP and START only as typed: they decide whether we may text at all
        "shop",
        "stat rt",
        "water",  # a description, however close to "later"
        "stairs",  # ... or "status"
        "candle",
        "the stopcock is leaking",
        "stop the leak please it is everywhere",
        "hello",
        "",
    ],
)
def test_descriptions_are_not_keywords(text):
    assert read(text, KNOWN).keyword is None


def test_no_word_of_the_triage_rules_reads_as_another_keyword():
    aliases = {alias for forms in KEYWORDS.values() for alias in forms}
    misread = [w for w in KNOWN if read(w, KNOWN).keyword and w not in aliases]
    assert misread == []


@pytest.mark.parametrize(
    ("text", "number"),
    [("1", 1), (" 2 ", 2), ("3.", 3), ("#4", 4), ("option 5", 5), ("nr 6", 6), ("12", 12)],
)
def test_numbers(text, number):
    assert read(text, KNOWN).number == number


def test_numbers_that_are_not_choices():
    for text in ("1 2", "123", "1st", "one"):
        assert read(text, KNOWN).number is None


def test_a_keyword_with_a_reference():
    reading = read("cancel abc-defg", KNOWN)
    assert (reading.keyword, reading.reference) == ("cancel", "ABC-DEFG")
    assert read("STATUS ABCDEFG", KNOWN).reference == "ABC-DEFG"
    assert read("help ABC-DEFG", KNOWN).keyword is None  # only where a reference means something
    assert read("change student", KNOWN).reference == "STU-DENT"  # a reference-shaped word


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("4", (4, "")),
        ("5/5", (5, "")),
        ("5 stars great job", (5, "great job")),
        ("3 - ok but late", (3, "ok but late")),
        ("2 z 5", (2, "")),
    ],
)
def test_scores(text, score):
    assert score_of(text) == score


def test_not_scores():
    for text in ("6", "0", "45", "great", ""):
        assert score_of(text) is None


def test_polish_is_recognised_by_its_letters_or_its_keywords():
    assert looks_polish("Cieknie kran w łazience")
    assert looks_polish("pomoc")
    assert not looks_polish("my tap is leaking")
