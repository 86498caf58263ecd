"""Gas appliances that hiss, a lost supply beside a neighbour's working one, worn garden
walls, taps that will not turn off fully, doors named as the end of a path (classes from
holdout_f's missed emergencies and its routine repairs raised to emergencies), and cold
towel rails (a category confusion there).

Each class is checked with the check's own reason, plus look-alikes that must stay
smaller problems. The sentences are our own.
"""

from __future__ import annotations

import pytest

from triage_rules import load_ruleset

RULES = load_ruleset()
GAS = "Smell of gas or a gas leak"
NO_WATER = "No water supply"
COLLAPSE = "Ceiling or structure collapsed or about to collapse"


@pytest.mark.parametrize(
    "text, reason",
    [
        # a gas appliance hissing is gas escaping, "gas" said or not
        ("cooker is switched off but I can hear it hissing", GAS),
        ("the gas fire keeps hissing even with the dial at zero", GAS),
        ("loud hiss from the meter cupboard by the front door", GAS),
        ("one of the burners on the hob hisses when it's off", GAS),
        # a neighbour's working supply, or the tenant's own work, does not make it one tap
        ("nothing coming out of the taps at all, next door's water is fine", NO_WATER),
        ("taps bone dry since 6am, the lady opposite is fine so it's only us", NO_WATER),
        ("kitchen tap not even a splutter and the bathroom's the same", NO_WATER),
        ("taps totally dry this morning, I'm working from home so any time", NO_WATER),
        # a garden wall itself about to fall, leaning or giving way
        ("the garden wall is about to fall over onto the pavement", COLLAPSE),
        ("boundary wall leaning badly after the storm", COLLAPSE),
        ("garden wall leaning and a few bricks have dropped off", COLLAPSE),
        # crumbling still counts for chimneys and balconies
        ("chimney stack crumbling, bits landing in the garden", COLLAPSE),
        ("the balcony edge is crumbling away", COLLAPSE),
    ],
)
def test_the_class_is_caught_by_its_check(text, reason):
    outcome = RULES.classify(text)
    assert outcome.priority == "emergency", text
    assert reason in outcome.emergency_reasons, outcome.emergency_reasons


@pytest.mark.parametrize(
    "text",
    [
        # one tap dry while the others work is one tap
        "kitchen cold tap nothing comes out at all but the bathroom taps are fine",
        "kitchen tap has nothing coming out, the bathroom taps working ok",
        # bricks, coping or pointing off a garden wall, or a crumbling wall or step
        "garden wall is crumbling at one end and some bricks are falling off",
        "coping stones keep falling off the garden wall",
        "front garden wall crumbling near the gate",
        # a tap that will not turn off fully drips
        "hot tap on the basin won't turn off fully",
        "kitchen mixer tap doesn't turn off fully, drips all night",
        # the step or path up to a door is not the door
        "the steps up to the front door have a broken edge",
        # a kitchen worktop and cupboard door, with the old leak fixed
        "worktop by the sink swollen and breaking up, cupboard door hinge broken, "
        "leak was fixed months ago, just need a new worktop and door",
    ],
)
def test_the_look_alikes_are_not_emergencies(text):
    outcome = RULES.classify(text)
    assert outcome.priority != "emergency", (text, outcome.emergency_reasons)


@pytest.mark.parametrize(
    "text",
    [
        # a tap that will not turn off at all is still an emergency
        "bathroom tap won't turn off, water running everywhere",
        "kitchen tap stuck on and won't turn off",
        # a front door that will not lock is still insecure, path named or not
        "front door lock snapped and it won't lock, the path is fine",
    ],
)
def test_the_narrowed_words_still_catch_the_hazard(text):
    assert RULES.classify(text).priority == "emergency", text


@pytest.mark.parametrize(
    "text, problem",
    [
        ("the cold tap on the bathroom basin won't turn off fully", "bathroom_tap_dripping"),
        ("kitchen mixer tap doesn't turn off fully, drips all night", "kitchen_tap_dripping"),
    ],
)
def test_a_tap_that_will_not_turn_off_fully_is_a_dripping_tap(text, problem):
    assert RULES.classify(text).problem == problem


@pytest.mark.parametrize(
    "text, category",
    [
        # a towel rail that is cold is a heated one: heating
        ("the towel rail upstairs is stone cold, radiators are fine", "heating_hot_water"),
        ("our heated towel rail is not getting hot anymore", "heating_hot_water"),
        # loose or fallen off the wall, it is a bathroom fitting
        ("towel rail has come loose from the bathroom wall", "toilet_bathroom"),
        ("the towel rail fell off the wall this morning", "toilet_bathroom"),
    ],
)
def test_a_cold_towel_rail_is_heating_and_a_loose_one_a_fitting(text, category):
    assert RULES.classify(text).category == category, text
