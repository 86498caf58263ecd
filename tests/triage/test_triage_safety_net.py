"""The safety net (rules/safety_net.yaml, triage_rules/safety_net.py).

Every net has texts that set it off and texts that must not: a negation ("no smell of
gas"), contained phrasing ("caught in a bucket", "still locks") or a smaller problem
next to the hazard words. The net is tested on its own (``catch``) so a trigger stays
covered even when an emergency check already catches the same text, and through
``classify`` for the outcome it gives.
"""

from __future__ import annotations

import pytest

from tests.triage.rule_files import replace_in
from triage_rules import load_ruleset
from triage_rules.loader import BUNDLED
from triage_rules.text import clean
from triage_rules.yamlsrc import RuleFileError

RULES = load_ruleset()
PREFIX = RULES.safety_net.reason_prefix


def _nets(text: str, ruleset=RULES) -> list[str]:
    cleaned = clean(text)
    index = ruleset._index
    found, _ = index.find(index.normaliser.tokens_of_clean(cleaned))
    return [net.id for net in ruleset.safety_net.catch(found, cleaned)]


TRIGGERS = [
    # security: door, window or lock that will not lock, shut or secure; break-ins
    ("security", "front door wont close properly, swollen in the rain, cant get it shut or locked"),
    (
        "security",
        "few things: fence panel down, shed door hanging, and the back door lock has "
        "snapped so I cant lock the house",
    ),
    ("security", "patio door jammed half open"),
    ("security", "front door won't close at all, the top hinge has broken"),
    ("security", "back door wont lock, the handle goes round and round"),
    ("security", "someone tried to break in last night through the back"),
    ("security", "FRONT DOOR WONT SHUT OR LOCK AFTER THE POLICE FORCED IT"),
    ("security", "ground floor window smashed"),
    ("security", "window's been put in, whole pane gone"),
    # water supply: no / none / nothing + water or taps
    ("water_supply", "nowt coming out the taps"),
    ("water_supply", "water has stopped in the whole flat"),
    ("water_supply", "kitchen tap not giving any water"),
    ("water_supply", "the water is stop in all my house, nothing come from tap"),
    ("water_supply", "taps bone dry, not even a dribble"),
    ("water_supply", "no water since this morning"),
    # ceilings: falling, dropping, coming down, bowing, heavy, soaked
    ("ceiling", "bedroom ceiling bowing"),
    ("ceiling", "the ceiling is heavy and soaked above the bed"),
    ("ceiling", "the ceiling has dropped in the middle"),
    ("ceiling", "bathroom ceiling sagging with a big crack, bits of plaster dropping in the bath"),
    ("ceiling", "the roof inside my bedroom is falling down"),
    ("ceiling", "the bedroom ceiling has a large crack and the middle part is hanging down"),
    # electrics: smell, smoke, heat, noise; wires in sight
    ("electrics", "the fuse box smells funny"),
    ("electrics", "the socket gets really hot"),
    ("electrics", "the fuse board is buzzing"),
    ("electrics", "socket sparking when I plug the kettle in"),
    ("electrics", "wires showing where the light was"),
    # power: the whole home
    ("power", "no power in the whole house"),
    ("power", "lecky's gone off in the whole flat"),
    # gas and carbon monoxide
    ("gas", "smell of gas in the hall"),
    ("gas", "gassy smell near the boiler"),
    ("gas", "whole kitchen still stinks of gas"),
    ("gas", "gas fire surround loose and I can smell gas when the fire is on"),
    ("gas", "co alarm flashing red"),
    ("gas", "boiler flame is yellow"),
    ("gas", "headaches when the heating is on"),
    ("gas", "something wrong with the gas pipe behind the cooker"),
    # fire alarms: missing, dead, sounding for no reason
    ("fire_alarm", "the smoke alarm is dead"),
    ("fire_alarm", "smoke alarm keeps going off for no reason"),
    ("fire_alarm", "no smoke alarm in the flat"),
    ("fire_alarm", "smoke detector, no green light, test button does nothing"),
    ("fire_alarm", "the heat alarm has been taken down"),
    # fire doors
    ("fire_door", "fire door on the landing propped open"),
    ("fire_door", "the fire door to the stairwell has a broken closer"),
    # sewage and waste
    ("sewage", "sewage in the garden"),
    ("sewage", "toilet overflowing with dirty water onto the floor"),
    ("sewage", "toilet blocked, only one we have"),
    # lifts with people
    ("lift", "my son is stuck in the lift"),
    ("lift", "lift broken and I use a wheelchair on the 9th floor"),
    ("lift", "only lift in the block is out of order, I can't manage the stairs"),
]

NON_TRIGGERS = [
    # negations
    ("gas", "gas fire surround is loose, no smell of gas"),
    ("gas", "no smell of gas but the boiler is noisy"),
    ("gas", "co alarm needs a new battery, it chirps"),
    ("gas", "when is my gas safety check due"),
    ("gas", "the hearth tile under the gas fire is cracked, fire works ok"),
    ("electrics", "socket by the bed stopped working, nothing's burnt or smelly"),
    ("electrics", "light switch loose, no wires showing"),
    ("electrics", "the kettle gets hot and the socket is fine"),
    ("power", "no power to the sockets in the kitchen"),
    ("water_supply", "a ridge tile is loose, no water getting in"),
    ("water_supply", "no hot water from the kitchen tap"),
    ("water_supply", "water pressure low, only a trickle from the taps"),
    ("water_supply", "the stopcock under the sink is seized, cant turn it"),
    ("water_supply", "plug in the bathroom sink won't hold water"),
    # contained or working
    ("security", "back door lock is stiff but it does lock eventually"),
    ("security", "the key for my window lock snapped, window's shut and locked still"),
    ("security", "front door lock very stiff, have to force it to lock"),
    ("security", "front door not closing flush, draught around frame. Locks fine."),
    ("security", "back door frame rotten at the bottom but door locks"),
    ("security", "bathroom door lock dont work, cant lock it when im in there"),
    ("security", "the kitchen cupboard door is broken"),
    ("security", "window smashed by a football, upstairs, taped it up"),
    ("security", "burglar alarm next door going off all night"),
    ("ceiling", "water dripping through the bathroom ceiling, caught in a bucket"),
    ("ceiling", "the ceiling is soaked, we've put a bucket under it"),
    ("ceiling", "light fitting hanging down from the ceiling"),
    ("ceiling", "water drop from the ceiling when it rains"),
    ("fire_alarm", "smoke alarm chirps every minute, low battery"),
    ("fire_alarm", "the smoke alarm goes off when I make toast"),
    ("fire_door", "fire door closes fine but the paint is chipped"),
    ("sewage", "just the smell of sewage from the drain outside"),
    ("sewage", "bird poo all over the window sill"),
    ("sewage", "toilet rocking on the floor, seal ok no leak"),
    ("lift", "lift stuck for a minute then moving again, nobody inside"),
    ("lift", "lift 2 out of service, lift 1 working normally"),
    ("lift", "one of the lifts out of order, other one working"),
    ("lift", "lift broken again, only one lift and I'm on the 6th floor with a pushchair"),
    ("electrics", "socket by the telly is loose and hanging off the wall, not sparking or owt"),
    ("electrics", "the hard wired smoke alarm makes a chirping noise every minute"),
    ("power", "small leak under the bath, there is no electric near"),
    ("security", "my window glass has a crack, still close and lock"),
    ("security", "my window wont lock, its the upstairs one, handle just spins"),
    ("water_supply", "water keeps going off and on all day"),
    ("water_supply", "no cold water in the bathroom sink, kitchen is fine"),
    ("water_supply", "shower not working, no water comes out the head"),
    ("ceiling", "light fitting in the hall hanging down loose from the ceiling, still works"),
    # holdout_e: working locks, lost window keys, bin stores, kept-out rain, a booked
    # gas visit, a tested alarm, a negated or hatch-only ceiling
    ("security", "kitchen window handle loose but it closes and locks fine"),
    ("security", "can't lock the back bedroom window, the key is missing"),
    ("security", "bin store door off its hinges and the lock is broken"),
    ("water_supply", "damp patch on the bedroom ceiling, no water dripping though"),
    ("water_supply", "skylight seal perished but no water comes in"),
    ("gas", "when is the gas man coming for the service"),
    ("fire_alarm", "smoke alarm has a crack in the cover, works when I press the button"),
    ("ceiling", "hall ceiling has a long crack but is not sagging at all"),
    ("ceiling", "the loft hatch drops open from the ceiling in the wind"),
    # the step or path up to a door, and a kitchen worktop named with a door
    ("security", "the path up to the back door has a broken slab"),
    ("security", "front door step is broken at the corner"),
    ("security", "the hinge snapped weeks ago, just need a new worktop and door please"),
]


@pytest.mark.parametrize("net, text", TRIGGERS)
def test_every_net_catches_its_hazard(net, text):
    assert net in _nets(text), (net, text)


@pytest.mark.parametrize("net, text", NON_TRIGGERS)
def test_negations_and_contained_phrasing_do_not_trigger(net, text):
    assert net not in _nets(text), (net, text)


def test_every_net_has_triggers_and_non_triggers():
    ids = {net.id for net in RULES.safety_net.nets}
    assert ids == {net for net, _ in TRIGGERS}
    assert {net for net, _ in NON_TRIGGERS} <= ids


@pytest.mark.parametrize(
    "text, reason",
    [
        ("patio door jammed half open", "a door, window or lock that may leave the home open"),
        ("kitchen tap not giving any water", "no water at the taps"),
        ("the fuse board is buzzing", "electrics that smell, smoke, get hot or make a noise"),
    ],
)
def test_a_net_raises_the_outcome_and_says_so(text, reason):
    outcome = RULES.classify(text)
    assert outcome.priority == "emergency"
    assert outcome.hazard == "awaab_emergency"
    assert f"{PREFIX}{reason}" in outcome.emergency_reasons
    assert outcome.dispatch != "appointment"


def test_the_follow_up_question_is_the_emergency_check_s_own():
    outcome = RULES.classify("patio door jammed half open")
    check = next(c for c in RULES.checks if c.id == "insecure_door")
    assert outcome.questions[0] == check.question
    assert outcome.question_ids[0] == "insecure_door"
    # Every net's question is an existing check's, so nothing new needs translating.
    questions = {c.question for c in RULES.checks}
    assert all(net.question in questions for net in RULES.safety_net.nets if net.ask)


def test_a_net_never_touches_an_outcome_the_checks_made_an_emergency():
    outcome = RULES.classify("smell of gas in the hall")
    assert not any(r.startswith(PREFIX) for r in outcome.emergency_reasons)


def test_a_tenant_s_no_to_the_question_switches_the_net_off():
    raised = RULES.classify("patio door jammed half open")
    answered = RULES.classify("patio door jammed half open", answers={"insecure_door": "no"})
    assert raised.priority == "emergency"
    assert answered.priority != "emergency"
    assert not any(r.startswith(PREFIX) for r in answered.emergency_reasons)


def test_routine_outcomes_elsewhere_are_left_alone():
    outcome = RULES.classify("kitchen cupboard door hanging off")
    assert outcome.priority != "emergency"
    assert not any(r.startswith(PREFIX) for r in outcome.emergency_reasons)


def test_the_guided_journey_s_chosen_leaf_is_not_netted():
    leaf = RULES.leaf("doors_sticking")
    assert RULES.outcome_for_leaf(leaf.id).priority == leaf.priority


def test_the_net_can_be_switched_off(rules_copy):
    replace_in(rules_copy / "safety_net.yaml", "enabled: true", "enabled: false")
    ruleset = load_ruleset(rules_copy)
    assert ruleset.classify("patio door jammed half open").priority != "emergency"


def test_raise_from_limits_what_the_net_raises(rules_copy):
    replace_in(
        rules_copy / "safety_net.yaml", "raise_from: [urgent, routine]", "raise_from: [urgent]"
    )
    ruleset = load_ruleset(rules_copy)
    outcome = ruleset.classify("patio door jammed half open")
    assert outcome.priority == RULES.leaf(outcome.problem).priority
    assert "security" in _nets("patio door jammed half open", ruleset)


def test_a_rules_folder_without_the_file_has_no_net(rules_copy):
    (rules_copy / "safety_net.yaml").unlink()
    ruleset = load_ruleset(rules_copy)
    assert not ruleset.safety_net.enabled
    assert ruleset.classify("patio door jammed half open").priority != "emergency"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("ask: insecure_door", "ask: insecure_doors", "unknown emergency check 'insecure_doors'"),
        ("raise_from: [urgent, routine]", "raise_from: [emergency]", "raise_from"),
        ("enabled: true", "enabled: yes please", "enabled"),
        ("  - id: water_supply\n", "  - id: security\n", "duplicate net id 'security'"),
        ("    ask: no_water\n", "    ask: no_water\n    colour: blue\n", "unknown key 'colour'"),
    ],
)
def test_a_wrong_net_file_is_refused_with_its_line(rules_copy, old, new, message):
    replace_in(rules_copy / "safety_net.yaml", old, new)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(rules_copy)
    assert "safety_net.yaml:" in str(caught.value)
    assert message in str(caught.value)


def test_net_text_is_staff_only_and_never_extracted_for_translation():
    from triage_rules.babel_extract import extract_rules

    with (BUNDLED / "safety_net.yaml").open("rb") as handle:
        assert list(extract_rules(handle, (), (), {})) == []
