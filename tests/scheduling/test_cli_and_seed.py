"""``flask scheduling`` commands, and the demo city's appointments as bookings."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

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
    capacity = _run(app, "capacity", "--days", "14")
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
