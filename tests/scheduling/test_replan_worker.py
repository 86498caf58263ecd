"""The nightly re-plan run by the worker (``flask worker``'s own jobs, over the real
database): from ``REPLAN_AT``, for the next working day, once a night, in a thread of its
own while texts keep going."""

from __future__ import annotations

from sqlalchemy import select

from portal.config import ROOT
from repairs.messaging.outbox import enqueue
from repairs.models import Appointment, OutboundMessage, RepairEvent
from scheduling.embedded.models import SchedulingReplan
from tests.scheduling.test_replan_repairs import _at
from tests.worker_fixtures import Clock, looping, until


def _replans(session) -> list[SchedulingReplan]:
    session.expire_all()
    return session.scalars(select(SchedulingReplan)).all()


def _settle(worker) -> None:
    worker.jobs.start_due()
    assert worker.jobs.wait(120) == []


def test_the_worker_replans_the_next_working_day_from_replan_at_once_a_night(
    app, app_worker, booked_repairs, session, week, monkeypatch
):
    west, east, tuesday, _ = booked_repairs
    monkeypatch.setitem(app.config, "REPLAN_TIME_LIMIT_SECONDS", 1.0)
    monkeypatch.setitem(app.config, "WORKER_SCHEDULE_SECONDS", 60.0)
    clock = Clock(_at(week, "21:59"))
    worker = app_worker(clock)
    _settle(worker)
    assert _replans(session) == []  # not before REPLAN_AT (22:00)

    clock.advance(minutes=1)
    _settle(worker)
    (replan,) = _replans(session)
    assert (replan.day, replan.status) == (tuesday, "applied")
    assert replan.idempotency_key == f"nightly:{tuesday.isoformat()}:{week.isoformat()}"
    # Every appointment went to the operative on its own side of town, in the same window.
    for appointment in session.scalars(select(Appointment)):
        side = west.id if appointment.repair.reference.startswith("JOB-W") else east.id
        assert appointment.operative_id == side
    assert len(session.scalars(select(RepairEvent)).all()) == 6

    for later in ("22:30", "23:59"):  # the same night, checked every minute: nothing more
        clock.now = _at(week, later)
        _settle(worker)
    assert len(_replans(session)) == 1
    assert len(session.scalars(select(RepairEvent)).all()) == 6


def test_texts_keep_going_while_the_replan_solves(
    app, app_worker, booked_repairs, session, week, factories, monkeypatch
):
    _, _, tuesday, _ = booked_repairs
    monkeypatch.setitem(app.config, "REPLAN_TIME_LIMIT_SECONDS", 4.0)
    monkeypatch.setitem(app.config, "WORKER_POLL_SECONDS", 0.05)
    monkeypatch.setitem(app.config, "QUIET_HOURS", "off")
    clock = Clock(_at(week, "22:30"))
    worker = app_worker(clock)
    person, _tenancy = factories.create_tenant(mobile="+447700900123")
    session.commit()
    with looping(worker):
        assert until(lambda: "nightly re-plan" in worker.jobs.running())
        message = enqueue(
            session,
            person,
            "completed",
            {"landlord": "Trent Vale Homes", "reference": "ABC-DEFG"},
            translations=ROOT / "translations",
            now=clock(),
        )
        session.commit()

        def delivered() -> bool:
            session.expire_all()
            return session.get(OutboundMessage, message.id).status == "delivered"

        assert until(delivered, timeout=10)
        assert "nightly re-plan" in worker.jobs.running(), "the text waited for the solver"
        # The loop goes on starting the every-round jobs (WhatsApp photos) meanwhile, so
        # only the re-plan is waited for here; the fixture waits for the rest at the end.
        assert "nightly re-plan" not in worker.jobs.wait(120)
    (replan,) = _replans(session)
    assert replan.day == tuesday and replan.solver_seconds >= 3
