"""Every emergency path, and the rule that a hazard is never triaged below emergency."""

import pytest

from triage_rules import default_ruleset

EMERGENCIES = [
    # (check id, category, a description in the tenant's own words)
    ("gas_smell", "gas", "I can smell gas in the kitchen"),
    ("gas_smell", "gas", "gaz smel by the cooker since morning"),
    ("gas_smell", "gas", "think theres a gas leak"),
    ("carbon_monoxide", "gas", "carbon monoxide alarm keeps going off"),
    ("carbon_monoxide", "gas", "the co alarm is beeping and the display says CO"),
    ("fire", "fire_safety", "the kitchen is on fire"),
    ("smoke_alarm", "fire_safety", "smoke alarm going off and there is no smoke anywhere"),
    ("smoke_alarm", "fire_safety", "the wired smoke alarm has no power, light is off"),
    ("water_on_electrics", "water_leak", "water dripping into the light fitting in the hall"),
    ("exposed_wires", "electrical", "bare wires hanging out of the wall"),
    ("exposed_wires", "electrical", "socket sparking when i plug the kettle in"),
    ("no_power", "electrical", "no power in the whole house, neighbours have power"),
    ("no_power", "electrical", "trip switch wont reset, the whole flat is off"),
    ("no_water", "water_supply", "no water at all from any tap since last night"),
    ("flooding", "water_leak", "burst pipe under the sink, water everywhere"),
    ("flooding", "water_leak", "cant turn off the water, the stopcock is stuck and its pouring"),
    ("ceiling_collapse", "walls_floors_ceilings", "the bathroom ceiling has collapsed"),
    ("ceiling_collapse", "walls_floors_ceilings", "ceiling bulging and looks like its coming down"),
    ("sewage", "drainage", "sewage coming up through the shower tray"),
    ("only_toilet_blocked", "drainage", "toilet blocked and overflowing, its our only toilet"),
    ("insecure_door", "doors_locks", "front door wont lock after a break in"),
    ("insecure_door", "doors_locks", "someone kicked the back door in and it wont close at all"),
    ("insecure_window", "windows", "ground floor window smashed in a burglary, cant secure it"),
    ("trapped_in_lift", "communal", "my son is stuck in the lift between floors"),
    (
        "mould_harming_health",
        "damp_mould",
        "black mould in the bedroom and my son has asthma attacks",
    ),
]


@pytest.mark.parametrize(("check", "category", "text"), EMERGENCIES)
def test_each_emergency_check(check, category, text):
    rules = default_ruleset()
    outcome = rules.classify(text)
    reason = next(c.reason for c in rules.checks if c.id == check)
    assert reason in outcome.emergency_reasons
    assert outcome.priority == "emergency"
    assert outcome.category == category
    assert outcome.questions == ()


def test_every_check_in_the_rules_has_an_example_here():
    assert {c.id for c in default_ruleset().checks} == {e[0] for e in EMERGENCIES}


def test_gas_advice_is_to_leave_and_call_the_gas_emergency_line_with_nothing_to_book():
    outcome = default_ruleset().classify("strong smell of gas in the hall")
    advice = " ".join(outcome.safety_advice)
    assert "National Gas Emergency Service" in advice and "0800 111 999" in advice
    assert "nothing to book" in advice
    assert "switches" in advice and "flames" in advice
    assert outcome.dispatch == "none" and outcome.trade == "gas_engineer"


def test_a_hazard_in_a_long_routine_message_is_still_an_emergency():
    text = (
        "Hi, a few small things. The kitchen drawer runner is broken, the bathroom tap "
        "drips a bit and the garden gate latch is loose. Nothing urgent really. "
        "Oh and there's a funny smell of gas near the meter when I come in. "
        "Also the letterbox flap is stiff. Thanks."
    )
    outcome = default_ruleset().classify(text)
    assert outcome.priority == "emergency" and outcome.category == "gas"


def test_hazards_win_over_vulnerability_free_routine_words():
    rules = default_ruleset()
    for text in (
        "exposed wires where the light fell, not urgent though",
        "minor thing, sewage coming up in the bath",
    ):
        assert rules.classify(text).priority == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "smoke alarm chirping every minute, think its the battery",
        "one socket in the living room not working",
        "no hot water but heating works",
        "low water pressure in the shower",
        "gas fire surround is loose, no smell of gas",
        "toilet blocked but we can use the upstairs one, another toilet",
        "window cracked upstairs, still locks",
    ],
)
def test_smaller_problems_near_hazard_words_are_not_raised(text):
    assert default_ruleset().classify(text).priority != "emergency"
