"""Non-native and text-speak descriptions, each written here, read to the right category.

They cover words that tenants use for a thing's fault in place of the rule's own word
("drop" for drip, "push" for flush, "fall" for a slipped tile) and misspellings that
fuzzy correction cannot reach ("cupbrd").
"""

import pytest

from triage_rules import default_ruleset


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("in my bathroom the toilet is broke, when i push the water not come", "toilet_bathroom"),
        ("the tap of kitchen is always drop water", "water_leak"),
        ("roof tile is fall in garden", "roof_gutters"),
        ("rain is coming from the window when it rain", "windows"),
        ("kitchen cupbrd door hangin off", "kitchen"),
        ("the sink of kitchen is full of water and not go", "drainage"),
        ("plug in kitchen not have electric", "electrical"),
        ("in my flat is very much humidity and black on wall", "damp_mould"),
        ("there is mouses in my kitchen", "pests"),
        ("leccy socket in livin room dead", "electrical"),
        ("the elevator is not working in my building", "communal"),
    ],
)
def test_plain_words(text, category):
    outcome = default_ruleset().classify(text)
    assert outcome.category == category, (text, outcome.problem)


def test_a_flush_that_gives_no_water_is_not_a_loss_of_supply():
    outcome = default_ruleset().classify(
        "in my bathroom the toilet is broke, when i push the water not come"
    )
    assert outcome.priority != "emergency", outcome.emergency_reasons


def test_no_water_at_all_is_still_an_emergency_when_the_flush_is_named():
    outcome = default_ruleset().classify("no water at all in the flat, cant even flush the toilet")
    assert outcome.priority == "emergency"
