"""A dispatch at any second of a minute leaves the operative's day intact.

Windows are stored to the minute; a planned start stored even half a minute early used to
make the whole operative-day read back as infeasible, so it was never offered again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from common.calendar import LONDON
from scheduling.embedded.core import EmbeddedCore
from scheduling.embedded.store import RosterCache
from scheduling.travel import TravelModel
from scheduling.windows import Settings
from tests.scheduling.conftest import CENTRE, Harness, east_of, make_job


def _at(day, hour, minute=0, second=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=LONDON)


def test_a_dispatch_at_every_second_of_a_minute_keeps_the_day_feasible(app, create_operative, week):
    from portal.extensions import db

    op = create_operative(home=CENTRE)
    tuesday = week + timedelta(days=1)
    settings = Settings()
    with app.app_context():
        booking_core = Harness(
            EmbeddedCore(lambda: db.session, settings, clock=lambda: _at(week, 9)), db.session
        )
        # Busy at home from 08:00 until 10:00 sharp: the emergency can only follow it.
        job = make_job(earliest=tuesday, latest=tuesday, duration_minutes=120)
        morning = next(s for s in booking_core.offer_slots(job) if s.window == "morning")
        booking_core.book(morning.id, job.reference, "precision-morning")

        site = east_of(3.9)
        drive = TravelModel().minutes(TravelModel().road_km(*CENTRE, *site))
        # A drive ending a fraction of a minute below the half: rounding would store it early.
        assert 0 < drive % 1 < 0.5
        for second in range(60):
            now = _at(tuesday, 10, 0, second)
            core = EmbeddedCore(lambda: db.session, settings, clock=lambda now=now: now)
            harness = Harness(core, db.session)
            emergency = make_job(
                priority="emergency", duration_minutes=150, latitude=site[0], longitude=site[1]
            )
            booking = harness.dispatch(emergency)
            assert booking.slot.operative_id == op.id
            # Called at :SS, they set off then from the job just finished: never earlier.
            assert booking.planned_start - now >= timedelta(minutes=drive)
            roster = RosterCache(core.settings).current(db.session, now)
            route = roster.route(op.id, tuesday)
            assert len(route.stops) == 2
            assert route.feasible, (
                f"the day reads back infeasible after a dispatch at :{second:02d}"
            )
            harness.cancel(booking.reference)
