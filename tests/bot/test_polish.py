"""Polish descriptions reach the English rule files through a glossary of stems: what a
Polish tenant writes is triaged as the same words in English would be."""

from __future__ import annotations

import pytest

from bot.engine.polish import LABEL, gloss, with_gloss
from triage_rules import default_ruleset

RULES = default_ruleset()


@pytest.mark.parametrize(
    ("text", "problem", "priority"),
    [
        # Emergencies: each must be found, however it is inflected.
        ("Czuję gaz w kuchni", "gas_smell", "emergency"),
        ("zapach gazu na klatce schodowej", "gas_smell", "emergency"),
        ("Czujnik czadu piszczy", "gas_co_alarm", "emergency"),
        ("Woda leje się z sufitu", "water_flooding", "emergency"),
        ("Pękła rura, zalewa mieszkanie", "water_flooding", "emergency"),
        ("Brak prądu w całym mieszkaniu", "electrics_no_power", "emergency"),
        ("Nie ma wody w kranach", "water_no_supply", "emergency"),
        ("Iskrzy z gniazdka", "electrics_exposed_wires", "emergency"),
        ("Pali się w kuchni", "fire_in_home", "emergency"),
        ("Ścieki wypływają z toalety", "drainage_sewage", "emergency"),
        ("Drzwi wejściowe się nie zamykają", "doors_cannot_secure", "emergency"),
        ("Wybita szyba w oknie", "window_insecure_broken", "emergency"),
        ("Utknąłem w windzie", "communal_lift_trapped", "emergency"),
        # Everyday repairs.
        ("Nie działa ogrzewanie", "heating_no_heating_or_hot_water", "urgent"),
        ("Brak ciepłej wody", "heating_no_hot_water", "urgent"),
        ("Cieknie kran w kuchni", "kitchen_tap_dripping", "routine"),
        ("Kaloryfer w sypialni jest zimny", "radiator_cold", "urgent"),
        ("Dach przecieka", "roof_leaking", "urgent"),
        ("Winda nie działa", "communal_lift_not_working", "urgent"),
        ("Pleśń w sypialni", "mould_walls_ceilings", "urgent"),
    ],
)
def test_polish_words_are_triaged_like_their_english(text, problem, priority):
    outcome = RULES.classify(with_gloss(text))
    assert (outcome.problem, outcome.priority) == (problem, priority), gloss(text)


def test_the_tenant_s_words_stay_and_the_gloss_is_marked():
    assert with_gloss("Cieknie kran w kuchni") == (
        f"Cieknie kran w kuchni\n\n[{LABEL}: leaking tap kitchen]"
    )


def test_english_is_left_alone_unless_the_tenant_writes_polish():
    assert with_gloss("the wind is blowing through the window", polish=False) == (
        "the wind is blowing through the window"
    )
    assert with_gloss("hello", polish=True) == "hello"  # nothing to gloss
    assert "tap" in with_gloss("Kran cieknie w łazience", polish=False)  # Polish letters


def test_false_friends_mean_nothing():
    assert gloss("gazeta") == ""
    assert gloss("domofon nie działa") == "intercom not working"
