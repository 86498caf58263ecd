"""No input breaks triage: odd text gets a valid outcome, usually "other" with questions."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.triage.contract import assert_contract
from triage_rules import default_ruleset

ODD = [
    "",
    "   \n\t  ",
    "😭😭😭🔥💧",
    "<script>alert('x')</script><b></b>",
    "مرحبا، هناك مشكلة في المنزل",
    "Dzień dobry, źle się dzieje w łazience",
    "میرے گھر میں مسئلہ ہے",
    "\x00\x01\x02\x1b[31m\x7f",
    "x" * 20_000,
    "lorem ipsum " * 2_000,
]


def valid(outcome) -> None:
    assert_contract(outcome.to_contract_dict())


@pytest.mark.parametrize("text", ODD)
def test_odd_input_is_other_with_questions(text):
    outcome = default_ruleset().classify(text)
    valid(outcome)
    assert outcome.category == "other" and outcome.problem is None
    assert outcome.questions
    # Nothing read: a channel must ask the emergency questions itself.
    assert outcome.uncertain


def test_html_around_a_real_problem_is_read_through():
    outcome = default_ruleset().classify("<p>my <b>toilet</b> is <i>blocked</i></p>")
    assert outcome.category == "drainage"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=3000),
    vulnerabilities=st.lists(st.text(max_size=20), max_size=4),
    answers=st.dictionaries(st.text(max_size=12), st.text(max_size=12), max_size=3),
)
def test_any_text_gives_a_valid_outcome(text, vulnerabilities, answers):
    valid(default_ruleset().classify(text, vulnerabilities, answers))


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "gas",
                "smell",
                "no",
                "water",
                "leak",
                "toilet",
                "blocked",
                "door",
                "lock",
                "fire",
                "wires",
                "ceiling",
                "mould",
                "not",
                "working",
                "lift",
                "stuck",
                "🔥",
                "<br>",
                "baby",
            ]
        ),
        max_size=40,
    )
)
def test_any_mix_of_rule_words_gives_a_valid_outcome(words):
    valid(default_ruleset().classify(" ".join(words)))
