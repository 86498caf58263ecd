"""Fifty tenants press "book" on the last place in a window at the same moment."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.wiring import embedded_core_for
from scheduling import SlotUnavailable
from scheduling.embedded.models import SchedulingBooking
from tests.scheduling.conftest import make_job

RACERS = 50


def test_exactly_one_of_fifty_simultaneous_bookings_wins(app, embedded, create_operative, week):
    create_operative()
    tuesday = week + timedelta(days=1)
    job = make_job(duration_minutes=240, earliest=tuesday, latest=tuesday)
    morning = next(s for s in embedded.offer_slots(job, limit=20) if s.window == "morning")
    embedded.book(morning.id, "JOB-FIRST", "race-first-0000")
    # One 240-minute place is left in the morning (starting at 12:00 sharp).
    last = next(s for s in embedded.offer_slots(job, limit=20) if s.window == "morning")

    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []

    def race(n: int) -> None:
        with app.app_context():
            core = embedded_core_for(app)
            barrier.wait()
            try:
                core.book(last.id, f"JOB-{n:02d}", f"race-key-{n:04d}")
                db.session.commit()
                outcomes.append("won")
            except SlotUnavailable:
                db.session.rollback()
                outcomes.append("gone")
            except Exception as error:  # any other outcome fails the test, below
                db.session.rollback()
                outcomes.append(repr(error))

    threads = [threading.Thread(target=race, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(set(outcomes)) == ["gone", "won"], outcomes
    assert outcomes.count("won") == 1 and outcomes.count("gone") == RACERS - 1
    booked = db.session.scalar(
        select(func.count()).select_from(SchedulingBooking).where(SchedulingBooking.day == tuesday)
    )
    assert booked == 2
    assert not [s for s in embedded.offer_slots(job, limit=20) if s.window == "morning"]
