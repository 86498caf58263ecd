"""The embedded core's re-plan: moves that keep every promise, and only when worth it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from common.calendar import LONDON
from portal.extensions import db
from portal.wiring import embedded_core_for
from scheduling import InvalidJob, Job
from scheduling.embedded.core import EmbeddedCore
from scheduling.embedded.models import SchedulingBooking, SchedulingReplan
from scheduling.embedded.replan import pin
from scheduling.replan.settings import ReplanSettings
from tests.scheduling.conftest import Harness, east_of
from tests.scheduling.replan_fixtures import book_at, crossed_day


def _day(session, day) -> dict[str, SchedulingBooking]:
    session.expire_all()
    rows = session.scalars(select(SchedulingBooking).where(SchedulingBooking.day == day))
    return {row.job_reference: row for row in rows}


def _promise(row: SchedulingBooking) -> tuple:
    return (row.window, row.starts_at, row.ends_at, row.status, row.trade)


def _routes_keep_every_promise(core, day) -> float:
    """Every operative's route for the day passes the booking's own check; its kilometres."""
    roster = core.core.cache.current(core.session, datetime.now(UTC))
    km = 0.0
    for (_op, route_day), route in roster.routes.items():
        if route_day == day and route.stops:
            assert route.feasible
            km += route.route_km()
    return km


def test_crossed_routes_are_swapped_and_every_window_kept(
    embedded, create_operative, week, session
):
    west, east, tuesday, bookings = crossed_day(embedded, create_operative, week)
    before = {ref: _promise(row) for ref, row in _day(session, tuesday).items()}
    km_before = _routes_keep_every_promise(embedded, tuesday)

    result = embedded.replan(tuesday, time_limit_seconds=1)

    assert result.status == "applied" and result.jobs == 6
    assert len(result.moves) == 6 and result.km_after < result.km_before / 3
    after = _day(session, tuesday)
    assert {ref: _promise(row) for ref, row in after.items()} == before
    for ref, row in after.items():
        assert row.operative_id == (west.id if ref.startswith("JOB-W") else east.id)
        start = row.planned_start
        assert row.starts_at <= start <= row.ends_at
    assert _routes_keep_every_promise(embedded, tuesday) == pytest.approx(result.km_after, rel=1e-3)
    assert result.km_after < km_before
    record = session.scalar(select(SchedulingReplan))
    assert record.reference == result.reference and record.status == "applied"
    assert len(record.moves) == 6 and record.day == tuesday


def test_pinned_and_dispatched_jobs_stay_with_their_operative(
    embedded, create_operative, week, session
):
    west, east, tuesday, bookings = crossed_day(embedded, create_operative, week)
    pinned = bookings[0]  # JOB-E0: booked with the west operative, on the east side
    pin(session, pinned.reference)
    session.commit()
    dispatched = _day(session, tuesday)["JOB-W1"]
    dispatched.status = "dispatched"
    session.commit()

    result = embedded.replan(tuesday, time_limit_seconds=1)

    assert result.status == "applied"
    after = _day(session, tuesday)
    assert after["JOB-E0"].operative_id == west.id and after["JOB-E0"].pinned
    assert after["JOB-W1"].operative_id == east.id
    moved = {m.job_reference for m in result.moves}
    assert "JOB-E0" not in moved and "JOB-W1" not in moved and len(moved) >= 3


def test_a_plan_that_saves_too_little_is_discarded_and_nothing_moves(
    app, create_operative, week, session
):
    core = EmbeddedCore(
        lambda: db.session,
        embedded_core_for(app).settings,
        replan_settings=ReplanSettings(min_saving=0.99, workers=1),
    )
    with app.app_context():
        harness = Harness(core, db.session)
        west, east, tuesday, _ = crossed_day(harness, create_operative, week)
        before = {
            ref: (row.operative_id, row.revision) for ref, row in _day(session, tuesday).items()
        }
        result = harness.replan(tuesday, time_limit_seconds=1)
    assert result.status == "discarded" and "less than the 99.0%" in result.reason
    assert result.moves == () and result.km_after == result.km_before
    after = {ref: (row.operative_id, row.revision) for ref, row in _day(session, tuesday).items()}
    assert after == before
    assert session.scalar(select(SchedulingReplan.status)) == "discarded"


def test_an_operative_off_sick_has_their_jobs_taken_by_a_colleague(
    embedded, create_operative, week, session, factories
):
    tuesday = week + timedelta(days=1)
    sick = create_operative(home=east_of(1))
    colleague = create_operative(home=east_of(2))
    book_at(embedded, sick.id, tuesday, "morning", east_of(1.5), "JOB-S1")
    book_at(embedded, sick.id, tuesday, "afternoon", east_of(1.2), "JOB-S2")
    from repairs.models import OperativeAbsence

    session.add(
        OperativeAbsence(operative_id=sick.id, starts_on=tuesday, ends_on=tuesday, reason="sick")
    )
    session.commit()

    result = embedded.replan(tuesday, time_limit_seconds=1)

    assert result.status == "applied" and "mends 1 overfull" in result.reason
    assert {row.operative_id for row in _day(session, tuesday).values()} == {colleague.id}
    _routes_keep_every_promise(embedded, tuesday)


def test_only_future_days_and_the_same_key_answers_the_same(
    embedded, create_operative, week, session
):
    with pytest.raises(InvalidJob):
        embedded.replan(datetime.now(LONDON).date())
    with pytest.raises(InvalidJob):
        embedded.replan(week, idempotency_key="short")
    west, east, tuesday, _ = crossed_day(embedded, create_operative, week)
    first = embedded.replan(tuesday, "nightly-key-0001", time_limit_seconds=1)
    again = embedded.replan(tuesday, "nightly-key-0001", time_limit_seconds=1)
    assert again == first and len(again.moves) == 6
    assert len(session.scalars(select(SchedulingReplan)).all()) == 1


def test_bookings_made_and_cancelled_while_the_solver_runs_are_not_lost(
    app, embedded, create_operative, week, session
):
    west, east, tuesday, bookings = crossed_day(embedded, create_operative, week)
    outcome: dict = {}

    def meanwhile() -> None:
        time.sleep(0.8)  # the re-plan is solving by now (it runs for three seconds)
        with app.app_context():
            core = Harness(embedded_core_for(app), db.session)
            job = Job("JOB-NEW", "plumber", 60, *east_of(5.8), earliest=tuesday, latest=tuesday)
            slot = next(s for s in core.offer_slots(job, limit=20) if s.window == "afternoon")
            outcome["new"] = core.book(slot.id, "JOB-NEW", "key-made-meanwhile")
            outcome["cancelled"] = core.cancel(bookings[1].reference)  # JOB-W0

    other = threading.Thread(target=meanwhile)
    other.start()
    result = embedded.replan(tuesday, time_limit_seconds=3)
    other.join(timeout=30)

    assert result.status == "applied"
    after = _day(session, tuesday)
    assert after["JOB-NEW"].status == "booked"
    assert after["JOB-NEW"].operative_id == outcome["new"].slot.operative_id
    assert after["JOB-W0"].status == "cancelled"
    assert "JOB-W0" not in {m.job_reference for m in result.moves}
    assert result.jobs == 6  # five of the first six, and the new one
    _routes_keep_every_promise(embedded, tuesday)


def test_the_run_sheet_shows_the_new_order(app, embedded, create_operative, week):
    west, east, tuesday, _ = crossed_day(embedded, create_operative, week)
    runner = app.test_cli_runner()
    sheet = runner.invoke(args=["scheduling", "day", str(west.id), tuesday.isoformat()])
    assert "JOB-E0" in sheet.output and "JOB-W0" not in sheet.output
    embedded.replan(tuesday, time_limit_seconds=1)
    sheet = runner.invoke(args=["scheduling", "day", str(west.id), tuesday.isoformat()])
    lines = [line for line in sheet.output.splitlines() if "JOB-" in line]
    assert "JOB-E0" not in sheet.output
    assert {line.split()[4] for line in lines} == {"JOB-W0", "JOB-W1", "JOB-W2"}
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)
    assert "fits" in sheet.output


def test_planners_pin_and_unpin_from_the_command_line(
    app, embedded, create_operative, week, session
):
    west, east, tuesday, bookings = crossed_day(embedded, create_operative, week)
    runner = app.test_cli_runner()
    pinned = runner.invoke(args=["scheduling", "pin", bookings[0].reference])
    assert pinned.exit_code == 0 and f"pinned to operative {west.id}" in pinned.output
    sheet = runner.invoke(args=["scheduling", "day", str(west.id), tuesday.isoformat()])
    assert "JOB-E0 morning (plumber) pinned" in sheet.output
    replanned = runner.invoke(
        args=["scheduling", "replan", "--date", tuesday.isoformat(), "--seconds", "1"]
    )
    assert replanned.exit_code == 0 and "applied" in replanned.output
    assert _day(session, tuesday)["JOB-E0"].operative_id == west.id
    freed = runner.invoke(args=["scheduling", "unpin", bookings[0].reference])
    assert freed.exit_code == 0 and "free to move" in freed.output
    assert not _day(session, tuesday)["JOB-E0"].pinned
    unknown = runner.invoke(args=["scheduling", "pin", "SB-NOTHERE"])
    assert unknown.exit_code != 0 and "no booking" in unknown.output
    past = runner.invoke(args=["scheduling", "replan", "--date", "2020-01-01"])
    assert past.exit_code != 0 and "after today" in past.output


def test_a_day_with_nothing_booked_is_recorded_and_left_alone(embedded, create_operative, week):
    create_operative()
    result = embedded.replan(week + timedelta(days=2), time_limit_seconds=1)
    assert (result.status, result.jobs, result.moves) == ("discarded", 0, ())
    assert result.reason == "there is no travel to save"
