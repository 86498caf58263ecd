"""Working days and the landlord's clock: England and Wales bank holidays, Europe/London.

Repair targets and Awaab's Law deadlines count *working* days, so every engine that
computes a due time uses this one calendar. The holiday list is the copy bundled with
``govuk-bank-holidays``: nothing is fetched at run time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from govuk_bank_holidays.bank_holidays import BankHolidays

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[date]:
    """England and Wales bank holidays, from the package's bundled data."""
    calendar = BankHolidays(use_cached_holidays=True)
    return frozenset(
        h["date"] for h in calendar.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )


def is_working_day(day: date, holidays: frozenset[date] | None = None) -> bool:
    holidays = bank_holidays() if holidays is None else holidays
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=8192)
def add_working_days(day: date, count: int) -> date:
    """``count`` working days after ``day`` (the day itself never counts)."""
    for _ in range(count):
        day = next_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]: how many ``add_working_days`` steps lead there."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def local(moment: datetime) -> datetime:
    """A timezone-aware moment in the landlord's own time zone."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
    return moment.astimezone(LONDON)


def end_of_working_day(moment: datetime, working_days: int) -> datetime:
    """The end (23:59:59 London) of the working day ``working_days`` after ``moment``.

    Targets in working days are met if the work happens any time on the last day, so the
    deadline is the end of that day in the landlord's time zone, returned in UTC-aware form.
    """
    due_day = add_working_days(local(moment).date(), working_days)
    return datetime.combine(due_day, time(23, 59, 59), tzinfo=LONDON)
