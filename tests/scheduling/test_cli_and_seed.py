"""``flask scheduling`` commands, and the demo city's appointments as bookings."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from common.calendar import LONDON
from repairs.models import Appointment
from repairs.seed import seed_city
from scheduling.embedded.models import SchedulingApiToken, SchedulingBooking
from tests.scheduling.conftest import issue_token, make_job


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["scheduling", *args])


def test_tokens_are_printed_once_and_stored_only_as_hashes(app, session):
    token = issue_token(app, "portal")
    assert token.startswith("sched_") and len(token) > 40
    stored = session.scalar(select(SchedulingApiToken))
    assert stored.name == "portal" and token not in stored.token_hash
    assert _run(app, "token", "revoke", "portal").exit_code == 0
    refused = _run(app, "token", "revoke", "portal")
    assert refused.exit_code != 0 and "no live token" in refused.output


def test_an_operatives_day_and_capacity(app, embedded, create_operative, week):
    op = create_operative(trades=("plumber", "carpenter"))
    tuesday = week + timedelta(days=1)
    job = make_job(earliest=tuesday, latest=tuesday, duration_minutes=120)
    slot = next(s for s in embedded.offer_slots(job) if s.window == "morning")
    booking = embedded.book(slot.id, "JOB-DAY", "cli-key-0001")
    shown = _run(app, "day", str(op.id), tuesday.isoformat())
    assert shown.exit_code == 0, shown.output
    assert booking.reference in shown.output and "1 jobs" in shown.output
    assert "shift 08:00-16:00" in shown.output and "fits" in shown.output
    off = _run(app, "day", str(op.id), (week + timedelta(days=5)).isoformat())
    assert "not working" in off.output
    assert _run(app, "day", "9999", tuesday.isoformat()).exit_code != 0
    # The week's Tuesday is 8 to 14 days away (more near bank holidays): ask for days
    # enough to reach it whatever today is (on a Tuesday it is just past a fortnight).
    days = (tuesday - datetime.now(LONDON).date()).days + 1
    capacity = _run(app, "capacity", "--days", str(days))
    assert capacity.exit_code == 0
    lines = {line.split()[0]: line for line in capacity.output.splitlines()}
    assert {"plumber", "carpenter"} <= set(lines)
    assert f"{tuesday:%a %d}" in capacity.output


@pytest.mark.slow
def test_the_seed_gives_every_future_appointment_its_place(app, session):
    engine = app.extensions["database"].engine
    now = datetime.now(UTC)
    report = seed_city(engine, seed=11, homes=400, history_days=45, now=now)
    booked = session.scalar(
        select(func.count()).select_from(Appointment).where(Appointment.status == "booked")
    )
    assert booked > 500 and report.counts["scheduling_booking"] == booked
    statuses = Counter(session.scalars(select(SchedulingBooking.status)))
    assert statuses == {"booked": booked}
    seed_city(engine, seed=11, homes=400, history_days=45, now=now, reset=True)
    assert session.scalar(select(func.count()).select_from(SchedulingBooking)) == booked


def test_the_oncall_command_shows_who_is_on_call(app, embedded, clock, create_operative, week):
    from scheduling import OnCallDuty
    from tests.scheduling.conftest import london

    plumber = create_operative()
    gas = create_operative(trades=("gas_engineer",), home=(52.96, -1.14))
    create_operative(trades=("roofer",))
    evening, morning = london(week, 16), london(week + timedelta(days=1), 8)
    embedded.add_duty(OnCallDuty(plumber.id, evening, morning, frozenset({"plumber"})))
    embedded.add_duty(
        OnCallDuty(gas.id, evening, morning, frozenset({"gas_engineer"}), frozenset({"Central"}))
    )
    clock.now = london(week, 20)
    embedded.dispatch(make_job("MON-2000", priority="emergency"))

    shown = _run(app, "oncall", "--date", week.isoformat())
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert "attend within 4 h, make safe within 24 h" in lines[0]
    assert f"weeknight    {week:%a %d %b} 16:00 to" in shown.output
    plumber_line = next(line for line in lines if plumber.name in line)
    assert "whole city" in plumber_line and "1 of 5 call-outs" in plumber_line
    gas_line = next(line for line in lines if gas.name in line)
    assert "Central" in gas_line and "0 of 5 call-outs" in gas_line
    assert "no cover out of hours for: roofer" in shown.output
    empty = _run(app, "oncall", "--date", (week + timedelta(days=14)).isoformat())
    assert "nobody is on call" in empty.output
    assert _run(app, "oncall", "--date", "next tuesday").exit_code != 0


def test_the_seed_builds_an_on_call_rota_for_every_night(app, session):
    from common.calendar import LONDON
    from scheduling.embedded.models import SchedulingOnCallDuty
    from scheduling.rota import PER_NIGHT

    engine = app.extensions["database"].engine
    now = datetime.now(UTC)
    report = seed_city(engine, seed=11, homes=400, history_days=10, now=now)
    duties = session.scalars(select(SchedulingOnCallDuty)).all()
    assert report.counts["scheduling_oncall_duty"] == len(duties) > 0
    today = now.astimezone(LONDON).date()
    nights = {}
    for duty in duties:
        nights.setdefault(duty.starts_at.astimezone(LONDON).date(), []).append(duty)
    for offset in range(-7, 57):
        night = nights[today + timedelta(days=offset)]
        for trade, count in PER_NIGHT:
            assert sum(trade in d.trades for d in night) >= count, (offset, trade)
    shown = _run(app, "oncall")
    assert shown.exit_code == 0 and "gas_engineer" in shown.output
