"""The re-plan from the repairs side: appointments follow, the audit trail, the nightly run."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from common.calendar import LONDON
from portal.extensions import db
from portal.wiring import embedded_core_for
from repairs.models import Appointment, RepairEvent
from repairs.services.replanning import (
    NightlyReplan,
    apply_replan,
    due_days,
    nightly_key,
    run_nightly_replan,
)
from scheduling.embedded.models import SchedulingReplan
from scheduling.http_client import HttpSchedulingCore
from scheduling.replan.settings import ReplanSettings


def _appointments(session) -> dict[str, tuple]:
    session.expire_all()
    return {
        a.repair.reference: (a.operative_id, a.window, a.starts_at, a.ends_at)
        for a in session.scalars(select(Appointment))
    }


def test_appointments_follow_their_bookings_and_each_move_is_audited(app, booked_repairs, session):
    west, east, tuesday, bookings = booked_repairs
    before = _appointments(session)
    with app.app_context():
        result = apply_replan(db.session, embedded_core_for(app), tuesday, time_limit_seconds=1)
        db.session.commit()
    assert result.status == "applied" and len(result.moves) == 6
    after = _appointments(session)
    for reference, (operative, *promise) in after.items():
        assert promise == list(before[reference][1:])  # the same window, to the minute
        assert operative == (west.id if reference.startswith("JOB-W") else east.id)
    events = session.scalars(select(RepairEvent).order_by(RepairEvent.id)).all()
    assert len(events) == 6
    for event in events:
        assert event.kind == "appointment_replanned"
        assert (event.actor_kind, event.actor_label, event.channel) == (
            "system",
            "nightly re-plan",
            "system",
        )
        old, new = event.changes["operative_id"]
        assert old != new and result.reference in event.note


def test_a_replayed_replan_moves_nothing_twice(app, booked_repairs, session):
    _, _, tuesday, _ = booked_repairs
    with app.app_context():
        core = embedded_core_for(app)
        apply_replan(db.session, core, tuesday, idempotency_key="replay-0001", time_limit_seconds=1)
        db.session.commit()
        again = apply_replan(db.session, core, tuesday, idempotency_key="replay-0001")
        db.session.commit()
    assert again.status == "applied" and len(again.moves) == 6
    assert len(session.scalars(select(RepairEvent)).all()) == 6


def _at(day: date, clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


def test_due_days_are_the_next_working_days_from_the_configured_time():
    settings = ReplanSettings(at=time(22, 0), days_ahead=2)
    friday = date(2027, 3, 26)  # Good Friday is 2027-03-26; Easter Monday 2027-03-29
    assert due_days(_at(friday, "21:59"), settings) == []
    assert due_days(_at(friday, "22:00"), settings) == [date(2027, 3, 30), date(2027, 3, 31)]
    thursday = date(2027, 3, 25)
    assert due_days(_at(thursday, "23:30"), ReplanSettings()) == [date(2027, 3, 30)]
    assert nightly_key(date(2027, 3, 30), _at(thursday, "23:30")) == (
        "nightly:2027-03-30:2027-03-25"
    )


def test_the_nightly_run_replans_the_next_working_day_once(app, booked_repairs, session, week):
    _, _, tuesday, _ = booked_repairs
    monday_night = _at(week, "22:30")
    settings = ReplanSettings(time_limit_seconds=1, workers=1)
    with app.app_context():
        core = embedded_core_for(app)
        assert run_nightly_replan(db.session, core, _at(week, "21:00"), settings) == []
        first = run_nightly_replan(db.session, core, monday_night, settings)
        second = run_nightly_replan(db.session, core, monday_night + timedelta(hours=1), settings)
    assert [r.day for r in first] == [tuesday] and first[0].status == "applied"
    assert second == first
    assert len(session.scalars(select(SchedulingReplan)).all()) == 1
    assert len(session.scalars(select(RepairEvent)).all()) == 6


def test_a_core_that_keeps_failing_is_asked_three_times_a_night(app, booked_repairs, week, caplog):
    # A remote core on a port nobody listens on: every re-plan fails as unavailable.
    core = HttpSchedulingCore("http://127.0.0.1:9", "token", timeout=(0.5, 0.5))
    nightly = NightlyReplan(ReplanSettings(time_limit_seconds=1, workers=1))
    night = _at(week, "22:00")
    with app.app_context():
        tonight = [nightly(db.session, core, night + timedelta(minutes=m)) for m in range(6)]
        tomorrow = nightly(db.session, core, night + timedelta(days=1))
    assert tonight == [[]] * 6 and tomorrow == []
    failures = [r for r in caplog.records if "re-plan of" in r.getMessage()]
    assert sum("failed" in r.getMessage() for r in failures) == 4  # three tonight, one tomorrow
    assert sum("gave up for tonight" in r.getMessage() for r in failures) == 1
