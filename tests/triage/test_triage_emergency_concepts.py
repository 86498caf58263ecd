"""Each emergency concept: an object in a dangerous state, however the tenant puts it.

The examples are written here, not taken from the labelled sets, and include misspelt,
text-speak and non-native forms. Each positive must come out as an emergency through
the named check; each negative is a smaller problem that sounds alike.
"""

import pytest

from tests.triage.expect import assert_emergency_by, assert_not_emergency
from triage_rules import default_ruleset

POSITIVE = {
    "gas_smell": [
        "smells of gas in the hallway",
        "theres a gassy smell near the boiler",
        "rotten eggs smell in the kitchen",
        "i can smel gass by the cooker",
        "in my kitchen I smell the gas very strong",
    ],
    "carbon_monoxide": [
        "co detector beeping non stop",
        "the alarm next to the boiler is beeping and wont stop",
        "we all have headaches when the gas fire is on",
        "feeling dizzy and sick since the boiler was serviced",
        "hedaches and dizzyness when heating on",
        "black soot on the wall above the gas fire",
        "the flame on the hob is yellow not blue",
        "the boiler making black smoke and my head hurt",
        "carbon monixide alarm beeping",
    ],
    "no_power": [
        "we have no leccy at all",
        "lecky gone off, meter has credit",
        "electric gone everywhere, nothing works",
        "the electric has packed in in the whole house",
        "we dont have electricity since 2 hours, meter is full credit",
        "my leccy has died and I've got a 3 week old baby",
        "the lights and sockets all dead, nothing works in the flat",
        "the electric is finished in my home, nothing work",
    ],
    "exposed_wires": [
        "plug socket smells of burning",
        "the switch is hot to touch and crackling",
        "scorch marks on the socket",
        "the light switch is fizzing when i turn it on",
        "cable poking out of the wall, its live",
        "you can see the wires behind the socket",
        "the cover came off the socket",
        "sockit is sparkin",
        "socket melt and black, smell of burn",
        "smell of burning in the flat cant find where its from",
        "burning plastic smell from the electrics",
    ],
    "water_on_electrics": [
        "water coming through the light in the bathroom ceiling",
        "leak going into the fuse box",
    ],
    "flooding": [
        "water gushing from under the sink",
        "tank in the loft has burst",
        "water is running down the bedroom walls from upstairs",
        "pipe leaking under the sink and I cant find the stop tap",
        "leak under the sink is going through the floor to downstairs",
        "the pipe under the sink came apart",
        "massive leak from the boiler",
        "water is pouring from the ceiling in to the kitchen",
        "the water is coming everywhere from the pipe I can not stop it",
    ],
    "ceiling_collapse": [
        "ceiling is bulging with water",
        "the ceiling is cracking and water is dripping through",
        "the celing is hanging down with water",
        "plasterboard ceiling is bowing and looks like its going to fall",
        "the chimney is leaning and looks like it could fall",
        "part of the roof blew off in the storm",
    ],
    "sewage": [
        "raw sewage in the garden and it smells",
        "toilet overflowing with poo",
        "drain outside backing up with sewage",
        "toilet water coming back up the shower",
        "the drain outside is overflowing and stinks",
        "the soil pipe is cracked and leaking",
    ],
    "only_toilet_blocked": [
        "toilet is blocked",
        "loo blocked in our bungalow",
        "toilet blocked, water up to the rim",
        "cant use the toilet at all",
        "toilet blockd and overflowing",
        "the wc is clogged",
        "the loo's blocked",
    ],
    "no_water": [
        "nothing coming out of the taps",
        "we not have water since yesterday",
        "taps are dry",
        "no hot or cold water",
        "the water has gone, nothing from any tap",
    ],
    "insecure_door": [
        "someone broke in and the door wont close",
        "we were burgled last night and the back door wont lock",
        "somebody try to break my door, now it not close",
        "front door has been forced and wont shut",
        "the lock on my front door is jammed and I am locked in",
    ],
    "insecure_window": [
        "the window was put in last night, we are on the ground floor",
        "burglars smashed the back window, ground floor flat",
        "window smashed in a break in, bungalow",
        "kids threw a stone and smashed the window",
        "ground floor window wont lock, the handle is broken",
        "the window pane is cracked and about to fall out onto the street",
    ],
    "smoke_alarm": [
        "smoke alarm has been taken down",
        "the smoke detector was removed by the builders",
        "no smoke alarm in the flat",
        "the smoke alarm is not there anymore, they took it when they paint",
        "fire alarm ripped off the ceiling by my son",
        "smoke alarm keeps beeping",
        "the alarm in the hallway keeps going off",
    ],
    "fire": ["there is a fire in the kitchen"],
    "trapped_in_lift": ["lift stuck, my daughter is inside", "people trapped in the lift"],
}

NEGATIVE = [
    "no smell of gas, just the gas fire knob is loose",
    "smoke alarm beeping every minute needs new battery",
    "co alarm needs a new battery, it chirps",
    "my dad's smoke alarm is chirping, he can't reach it",
    "light bulb has burnt out in the kitchen",
    "the switch cover is cracked, no wires showing",
    "tv aerial cable hanging out the wall",
    "socket hanging off the wall a bit, no wires showing",
    "lights keep tripping, no smell or sparks, sockets all fine",
    "the cooker has no power",
    "no power to the shower",
    "electric shower not working",
    "small drip from the ceiling into a bucket",
    "water stain on the ceiling, dry now",
    "toilet seat broken",
    "toilet blocked but we can use the upstairs one",
    "the toilet flush is not working but it is not blocked",
    "the door of the toilet is not closing",
    "bedroom door wont close",
    "kitchen drawer broke in kitchen",
    "the key broke in half",
    "new boiler put in last year, now leaking a bit",
    "window cracked on the second floor, still locks",
    "the glass in my kitchen window is broken but the window still closes",
    "a ridge tile is loose, no water getting in",
    "light fitting hanging down loose from the ceiling, still works",
    "shower drain blocked, water up to my ankles when showering",
    "electric fire in the living room not working",
    "the plug hole cover in the bath came off",
    "my burnt toast set off the smoke alarm",
    "the fire alarm makes a small sound every minute",
    "the car alarm outside keeps going off",
    "I turned my electric off at the box to change a light",
    "stop tap is seized and the water pressure is poor",
    "window smashed on the second floor, no one can get in",
    "leak from the toilet pipe, small puddle every day",
    "the lift doors are slow to open",
]


@pytest.mark.parametrize(
    ("check", "text"), [(c, t) for c, texts in POSITIVE.items() for t in texts]
)
def test_each_concept_is_an_emergency_in_any_words(check, text):
    assert_emergency_by(check, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_smaller_problems_that_sound_alike_are_not_emergencies(text):
    assert_not_emergency(text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("no heating and my mum is 92", "elderly"),
        ("no heating, I have a newborn baby", "infant"),
        ("no heating and I'm 30 weeks pregnant", "pregnancy"),
        ("no heating, my husband uses oxygen", "medical_equipment"),
        ("boiler not working, my dad is in a wheelchair", "disability"),
        ("no hot water or heating, baby is 4 months old", "infant"),
    ],
)
def test_no_heating_with_a_vulnerability_named_in_the_text_is_an_emergency(text, cue):
    assert default_ruleset().classify(text).priority == "emergency", cue


def test_no_heating_alone_is_not_an_emergency():
    assert default_ruleset().classify("no heating since yesterday").priority != "emergency"
