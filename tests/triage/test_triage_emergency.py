"""The emergency checks: every hazard caught by its own check in any words, and the
look-alikes that must stay smaller (cases/emergency/)."""

import pytest

from tests.triage import phrases
from triage_rules import default_ruleset


@pytest.mark.parametrize("case", phrases.params("emergency"))
def test_emergency_phrase(case):
    phrases.check(case)


def test_every_check_in_the_rules_has_cases_that_fire_it():
    fired = {case.expect["check"] for case in phrases.load("emergency") if "check" in case.expect}
    assert fired == {check.id for check in default_ruleset().checks}
