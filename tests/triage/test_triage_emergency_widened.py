"""The emergency concepts widened in the third pass, and the look-alikes they must skip.

Written here, not copied from the development sets: slang, misspellings and non-native
phrasings of dry taps, water coming in faster than it can be caught, and an only toilet
said outright far from the blockage.
"""

import pytest

from tests.triage.expect import assert_emergency_by, assert_not_emergency
from triage_rules import default_ruleset

POSITIVE = {
    "no_water": [
        "kitchen taps bone dry this morning",
        "the tap is totally dry, nothing at all",
        "taps nothin at all not even a dribble",
        "no come out from the tap, not even a drop",
        "cold tap completely dry since 6am",
    ],
    "flooding": [
        "the pipe is broke and water coming out fast",
        "water pissin thru the kitchen ceiling",
        "water lashing through the ceiling from upstairs",
        "leak from the flat above, the buckets cant keep up",
        "water from the ceiling, we cannot cope, the pans are full in minutes",
    ],
    "insecure_door": [
        "the front door wont shut properly, cant lock it, its broken",
        "someone broke the glass in my front door, can reach the lock",
        "back door lock snapped, cant lock the house",
    ],
    "ceiling_collapse": [
        "the balcony is coming away from the wall",
    ],
    "only_toilet_blocked": [
        "our only loo is blocked and full to the brim",
        "it's the only toilet we have and it is blocked, there's no downstairs one",
        "toilet no go down, only one toilet in house, it is full to brim",
        "Since this morning the toilet is blockd. We have 3 children. It is our only toilet.",
    ],
}

NEGATIVE = [
    "toilet cistern lid cracked across the top",
    "having to pour a bucket of water down the toilet to flush it",
    "toilet wont flush, I pour a jug down it, we have only one toilet",
    "combi boiler gives no hot water when i run a tap",
    "kitchen tap won't turn off properly, it drips all the time",
    "slow drip from the ceiling, emptying the bowl every day",
    "the hot tap is dry but the cold runs fine",
    "shwer hose split and sprays everywhere when you use it",
    "pouring a kettle into the bath because the hot water is off",
    "front door lock is stiff, I can't lock it without a shove",
    "back door only locks if you lift the handle hard",
]


@pytest.mark.parametrize(
    ("check", "text"), [(c, t) for c, texts in POSITIVE.items() for t in texts]
)
def test_widened_concepts_are_emergencies(check, text):
    assert_emergency_by(check, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_look_alikes_are_not_emergencies(text):
    assert_not_emergency(text)


def test_a_bare_pour_is_not_a_flood():
    # "pouring in" once read as any "pour", since "in" is a stop word.
    outcome = default_ruleset().classify("I am pouring bleach down the sink every week")
    assert "Flooding or an uncontrollable leak" not in outcome.emergency_reasons


# Smaller problems that used to read as emergencies, each beside a real emergency in
# nearly the same words, so the narrowing cannot hide a hazard.
NARROWED = [
    (
        "smoke alarm gone yellow but it works fine when I test it",
        "the smoke alarm has been taken down by the decorators",
    ),
    (
        "gutter overflows and the water pours down the outside wall when it rains",
        "water pouring down the bedroom walls from the flat above",
    ),
    ("next door's burglar alarm keeps going off", "burglars broke in and the back door wont lock"),
    (
        "when the bath empties the water comes back up in the kitchen sink",
        "toilet water coming back up in the bath",
    ),
    (
        "horrible smell coming up the plughole in the bath",
        "dirty water with bits coming up the shower tray",
    ),
    (
        "lift stuck for a minute then started moving, nobody inside",
        "my little boy is stuck in the lift",
    ),
    (
        "leccy keeps tripping when the kettle and the toaster are on",
        "the electric has gone off in the whole flat",
    ),
    (
        "no hot water and the landing bulb is out",
        "water dripping out of the light fitting and the bulb has gone off",
    ),
    (
        "socket by the bed stopped working, nothing's burnt or smelly",
        "socket by the bed is burnt and smells",
    ),
    (
        "bird poo all over my windows from the pigeons",
        "poo coming up out of the toilet onto the floor",
    ),
]


@pytest.mark.parametrize(("smaller", "hazard"), NARROWED)
def test_narrowed_checks_still_catch_the_hazard_beside_them(smaller, hazard):
    rules = default_ruleset()
    assert rules.classify(smaller).priority != "emergency", smaller
    assert rules.classify(hazard).priority == "emergency", hazard


@pytest.mark.parametrize(
    "text",
    [
        "no heating, im pregnent",
        "heating broken, baby due next month",
        "no heating, my due date is friday",
    ],
)
def test_pregnancy_said_every_way_raises_a_cold_home(text):
    assert default_ruleset().classify(text).priority == "emergency", text


def test_expecting_an_engineer_is_not_a_pregnancy():
    outcome = default_ruleset().classify("no heating, I was expecting the engineer yesterday")
    assert outcome.priority == "urgent"
