"""Due times across weekends and England and Wales bank holidays."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from triage_rules import awaab_clocks, default_ruleset, priority_due

LONDON = ZoneInfo("Europe/London")


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def end_of(y, m, d):
    return datetime(y, m, d, 23, 59, 59, tzinfo=LONDON)


def test_emergency_is_24_hours_from_the_report():
    assert priority_due("emergency", at(2026, 12, 24)) == at(2026, 12, 25)


def test_urgent_skips_a_weekend():
    # Friday 6 March 2026: five working days is the following Friday.
    assert priority_due("urgent", at(2026, 3, 6)) == end_of(2026, 3, 13)


def test_urgent_over_christmas_2026_skips_both_bank_holidays_and_new_year():
    # 25 Dec (Fri) and 28 Dec (Mon, Boxing Day substitute) and 1 Jan 2027 are holidays.
    assert priority_due("urgent", at(2026, 12, 24)) == end_of(2027, 1, 5)


def test_routine_is_twenty_working_days():
    assert priority_due("routine", at(2026, 3, 2)) == end_of(2026, 3, 30)


def test_unknown_priority_and_naive_times_are_refused():
    with pytest.raises(ValueError):
        priority_due("soon", at(2026, 3, 2))
    with pytest.raises(ValueError):
        priority_due("urgent", datetime(2026, 3, 2, 10, 0))


def test_utc_reports_are_counted_on_the_london_calendar():
    # 23:30 UTC on Sunday 29 March 2026 is already Monday in London (BST).
    reported = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)
    assert priority_due("urgent", reported) == end_of(2026, 4, 8)  # Good Friday 3 Apr skipped


def test_significant_hazard_investigation_over_christmas_2026():
    clocks = awaab_clocks("awaab_significant", at(2026, 12, 24))
    assert clocks == {"investigate_by": end_of(2027, 1, 12)}


def test_significant_hazard_clocks_after_investigation_over_easter_2027():
    # Good Friday 26 March and Easter Monday 29 March 2027 are not working days.
    clocks = awaab_clocks("awaab_significant", at(2027, 3, 10), investigated_at=at(2027, 3, 25))
    assert clocks["investigate_by"] == end_of(2027, 3, 24)
    assert clocks["written_summary_by"] == end_of(2027, 4, 1)
    assert clocks["safety_work_by"] == end_of(2027, 4, 5)
    assert clocks["preventative_work_by"] == end_of(2027, 6, 17)


def test_emergency_hazard_is_investigated_and_made_safe_within_24_hours():
    reported = at(2027, 3, 26, 18, 0)
    clocks = awaab_clocks("awaab_emergency", reported)
    assert clocks == {
        "investigate_by": reported + timedelta(hours=24),
        "make_safe_by": reported + timedelta(hours=24),
    }


def test_no_hazard_has_no_clocks_and_unknown_hazard_is_refused():
    assert awaab_clocks("none", at(2027, 3, 26)) == {}
    with pytest.raises(ValueError):
        awaab_clocks("awaab_maybe", at(2027, 3, 26))


def test_due_times_of_an_outcome_include_every_clock():
    rules = default_ruleset()
    outcome = rules.classify("black mould spreading across the bedroom ceiling")
    assert outcome.hazard == "awaab_significant"
    due = rules.due_times(outcome, at(2026, 12, 24), investigated_at=at(2027, 1, 4))
    assert set(due) == {
        "attend_by",
        "investigate_by",
        "written_summary_by",
        "safety_work_by",
        "preventative_work_by",
    }
    assert due["written_summary_by"] == end_of(2027, 1, 7)
