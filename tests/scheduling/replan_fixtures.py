"""A day booked badly on purpose: each operative's jobs are on the other side of town."""

from __future__ import annotations

from datetime import timedelta

from scheduling.slots import SlotKey
from tests.scheduling.conftest import east_of

WINDOWS = ("morning", "afternoon", "all_day")


def book_at(core, operative_id, day, window, point, reference, trade="plumber", minutes=60):
    """Book a job with one operative, whatever the offers would have chosen."""
    key = SlotKey(operative_id, day, window, trade, minutes, point[0], point[1])
    return core.book(key.encode(), reference, f"key-{reference}")


def crossed_day(core, create_operative, week, jobs_each: int = 3):
    """Two plumbers, one living 6 km west and one 6 km east, each booked on the far side.

    Returns (west, east, tuesday, bookings): the re-plan should swap every job.
    """
    west = create_operative(home=east_of(-6))
    east = create_operative(home=east_of(6))
    tuesday = week + timedelta(days=1)
    bookings = []
    for n in range(jobs_each):
        window = WINDOWS[n % len(WINDOWS)]
        bookings.append(
            book_at(core, west.id, tuesday, window, east_of(5.5 + n * 0.3), f"JOB-E{n}")
        )
        bookings.append(
            book_at(core, east.id, tuesday, window, east_of(-5.5 - n * 0.3), f"JOB-W{n}")
        )
    return west, east, tuesday, bookings
