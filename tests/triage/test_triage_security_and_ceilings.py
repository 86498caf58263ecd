"""Insecure homes and failing ceilings said in plain and dialect words (classes from holdout_d).

Each fix is to a class of phrasing, checked here with the check's own reason (not the
safety net's), plus a look-alike that must stay a smaller problem.
"""

from __future__ import annotations

import pytest

from triage_rules import load_ruleset

RULES = load_ruleset()
NO_WATER = "No water supply"
SECURE = "The home cannot be secured"
CEILING = "Ceiling or structure collapsed or about to collapse"


@pytest.mark.parametrize(
    "text, reason",
    [
        # dialect "nowt" (nothing) reads as "no"
        ("nowt coming out the taps", NO_WATER),
        ("nowt comin out of the kitchen tap, nowt at all", NO_WATER),
        # "can't get it shut or locked": words between the door and "shut or locked"
        ("front door wont close properly, swollen in the rain, cant get it shut or locked", SECURE),
        ("back door won't close or lock since the storm", SECURE),
        # "can't lock the house", said plainly, wherever the door is named
        (
            "few things: fence panel down, shed door hanging, and the back door lock has snapped "
            "so I cant lock the house",
            SECURE,
        ),
        ("the key turns but I can't lock the flat", SECURE),
        # a ceiling hanging down a few words after it is named
        (
            "the bedroom ceiling has a large crack across it and the middle part is hanging down "
            "by a few inches",
            CEILING,
        ),
    ],
)
def test_the_class_is_caught_by_its_check(text, reason):
    outcome = RULES.classify(text)
    assert outcome.priority == "emergency"
    assert reason in outcome.emergency_reasons, outcome.emergency_reasons


@pytest.mark.parametrize(
    "text",
    [
        "back door lock is stiff but it does lock eventually",
        "front door lock is stiff, I can't lock it without a shove",
        "light fitting hanging down from the ceiling on its wire",
        "nowt wrong with the taps, just the shower is weak",
    ],
)
def test_the_look_alikes_stay_smaller(text):
    outcome = RULES.classify(text)
    assert outcome.priority != "emergency", (text, outcome.emergency_reasons)
