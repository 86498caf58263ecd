"""``flask scheduling replan`` on the demo city: jobs move, every promise holds, km fall."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from common.calendar import LONDON
from portal.wiring import embedded_core_for
from repairs.models import Appointment, Operative, Repair, RepairEvent
from repairs.seed import seed_city
from scheduling.embedded.models import SchedulingBooking
from scheduling.embedded.store import RosterCache
from scheduling.windows import Settings


def _bookings(session, day) -> dict[str, SchedulingBooking]:
    session.expire_all()
    rows = session.scalars(
        select(SchedulingBooking).where(
            SchedulingBooking.day == day, SchedulingBooking.status == "booked"
        )
    )
    return {row.job_reference: row for row in rows}


def _routes(session, day):
    """Each operative's route for the day, as the core's own roster builds it."""
    roster = RosterCache(Settings()).current(session, datetime.now(UTC))
    return {op: route for (op, route_day), route in roster.routes.items() if route_day == day}


@pytest.mark.slow
def test_the_demo_city_day_is_replanned_keeping_every_promise(app, session, monkeypatch):
    # The margin a plan must beat is its own test (test_replan.py); here any saving is
    # applied, since a short solve on a busy 2-core machine may save less than the 2%
    # the landlord's setting asks (it saved 1.3% once in CI).
    core = embedded_core_for(app)
    monkeypatch.setattr(core, "replan_settings", replace(core.replan_settings, min_saving=0.0))
    seed_city(app.extensions["database"].engine, seed=11, homes=400, history_days=45)
    today = datetime.now(LONDON).date()
    days = Counter(
        session.scalars(select(SchedulingBooking.day).where(SchedulingBooking.day > today))
    )
    day = max((d for d in days if d <= today + timedelta(days=10)), key=lambda d: days[d])
    before = _bookings(session, day)
    promises = {ref: (b.window, b.starts_at, b.ends_at, b.trade) for ref, b in before.items()}
    operatives = {ref: b.operative_id for ref, b in before.items()}
    routes_before = _routes(session, day)
    order_before = {op: [s.key for s in r.stops] for op, r in routes_before.items() if r.stops}
    km_before = sum(r.route_km() for r in routes_before.values())

    result = app.test_cli_runner().invoke(
        args=["scheduling", "replan", "--date", day.isoformat(), "--seconds", "2"]
    )

    assert result.exit_code == 0, result.output
    assert "applied" in result.output and "every window kept" in result.output
    after = _bookings(session, day)
    assert {ref: (b.window, b.starts_at, b.ends_at, b.trade) for ref, b in after.items()} == (
        promises
    )
    trades = dict(session.execute(select(Operative.id, Operative.trades)).all())
    moved = [ref for ref, b in after.items() if b.operative_id != operatives[ref]]
    assert moved
    for ref in moved:
        assert after[ref].trade in trades[after[ref].operative_id]
    routes_after = _routes(session, day)
    for op, route in routes_after.items():
        # Every route keeps its promises, but for one the re-plan could not touch at all.
        untouched = [s.key for s in route.stops] == order_before.get(op)
        assert route.feasible or untouched
    assert sum(r.route_km() for r in routes_after.values()) < km_before
    # Each moved repair's appointment follows its booking, with one audit event.
    for ref in moved:
        appointment = session.scalar(
            select(Appointment)
            .join(Repair)
            .where(Repair.reference == ref, Appointment.status == "booked")
            .order_by(Appointment.starts_at.desc())
        )
        assert appointment.operative_id == after[ref].operative_id
    events = session.scalars(
        select(RepairEvent).where(RepairEvent.kind == "appointment_replanned")
    ).all()
    assert len(events) == len(moved)
    assert {(e.actor_label, e.channel) for e in events} == {("nightly re-plan", "system")}
