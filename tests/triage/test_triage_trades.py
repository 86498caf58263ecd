"""Which trade goes: the landlord's own practice, as the development sets record it.

Radiators go to the heating engineers (a leaking one to a plumber), a fallen ceiling to
a plasterer, storage heaters and immersions to an electrician, a block's maglocked
entrance door to an electrician, and proofing against mice to pest control.
"""

import pytest

from triage_rules import default_ruleset


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("radiator in the back bedroom is stone cold, the others are fine", "gas_engineer"),
        ("rad in the lounge aint warmin up", "gas_engineer"),
        ("radiator valve snapped off, cant turn it on", "gas_engineer"),
        ("radiator valve leakin, towel under it", "plumber"),
        ("the kitchen ceiling fell down in the night", "plasterer"),
        ("storage heaters not charging, flat is freezing", "electrician"),
        ("the immersion has packed in so no hot water", "electrician"),
        ("immersion not working, the storage heaters are fine", "electrician"),
        ("main entrance door to the block wont close, the magnet is not holding", "electrician"),
        ("mice getting in through a hole under the sink", "pest_control"),
    ],
)
def test_trade(text, trade):
    outcome = default_ruleset().classify(text)
    assert outcome.trade == trade, (text, outcome.problem)


def test_an_immersion_beside_working_storage_heaters_is_the_hot_water_leaf():
    outcome = default_ruleset().classify(
        "immersion not working so no hot water, the storage heaters are fine"
    )
    assert outcome.problem == "hot_water_cylinder"


def test_storage_heaters_are_not_the_gas_heating():
    outcome = default_ruleset().classify("night storage heaters stopped working, no heat")
    assert outcome.problem == "storage_heater_not_working"
