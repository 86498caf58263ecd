"""Reminders: the day before at the configured time and on the morning, each once, never
for a visit booked after the reminder time or no longer booked."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from common.calendar import LONDON
from repairs.messaging.reminders import enqueue_reminders
from repairs.messaging.settings import Reminders
from repairs.models import Appointment, OutboundMessage
from tests.messaging.conftest import LETTERHEAD, reload

TUESDAY = datetime(2026, 11, 3, tzinfo=LONDON).date()
WEDNESDAY = TUESDAY + timedelta(days=1)
REMINDERS = Reminders(day_before_at=time(18, 0), morning_at=time(7, 30))


def at(day, hour, minute=0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def visit(factories, session):
    def make(day=WEDNESDAY, hour=8, booked_at=None, language="en", status="booked", **person):
        home = factories.create_property()
        tenant, _ = factories.create_tenant(home=home, preferred_language=language, **person)
        repair = factories.create_repair(home, status="booked", reported_by_id=tenant.id)
        appointment = Appointment(
            repair_id=repair.id,
            window="morning",
            starts_at=at(day, hour),
            ends_at=at(day, hour + 4),
            status=status,
            channel="web",
            booked_at=booked_at or at(day - timedelta(days=7), 10),
        )
        session.add(appointment)
        session.commit()
        return appointment

    return make


def _run(session, now) -> int:
    written = enqueue_reminders(session, LETTERHEAD, REMINDERS, now)
    session.commit()
    return written


def _reminders(session, purpose=None):
    query = select(OutboundMessage).where(OutboundMessage.purpose.like("reminder_%"))
    if purpose:
        query = query.where(OutboundMessage.purpose == purpose)
    return session.scalars(query.order_by(OutboundMessage.id)).all()


def test_the_day_before_reminder_waits_for_its_time_and_comes_once(visit, session):
    appointment = visit()
    assert _run(session, at(TUESDAY, 17, 59)) == 0
    assert _run(session, at(TUESDAY, 18, 0)) == 1
    assert _run(session, at(TUESDAY, 18, 5)) == 0
    (reminder,) = _reminders(session)
    assert reminder.purpose == "reminder_day_before" and reminder.appointment_id == appointment.id
    assert "tomorrow, Wednesday 4 November, between 08:00 and 12:00" in reminder.body
    assert reminder.priority == 3 and reminder.expires_at == at(WEDNESDAY, 0)


def test_the_morning_reminder_comes_on_the_day(visit, session):
    visit(language="pl")
    _run(session, at(TUESDAY, 18, 0))
    assert _run(session, at(WEDNESDAY, 7, 0)) == 0
    assert _run(session, at(WEDNESDAY, 7, 30)) == 1
    morning = _reminders(session, "reminder_morning")[0]
    assert "dziś między 08:00 a 12:00" in morning.body and morning.priority == 1


def test_no_reminder_for_a_visit_booked_after_the_reminder_time(visit, session):
    visit(booked_at=at(TUESDAY, 19, 0))
    assert _run(session, at(TUESDAY, 19, 30)) == 0
    # Booked last night: the morning reminder still comes.
    assert _run(session, at(WEDNESDAY, 7, 30)) == 1


def test_no_reminder_for_a_cancelled_visit_or_a_tenant_who_said_stop(visit, session):
    visit(status="cancelled")
    visit(opted_out_at=at(TUESDAY, 9))
    assert _run(session, at(TUESDAY, 18, 0)) == 0


def test_a_queued_reminder_for_a_visit_since_cancelled_is_not_sent(
    visit, session, make_worker, clock
):
    appointment = visit()
    _run(session, at(TUESDAY, 18, 0))
    appointment.status = "rebooked"
    session.commit()
    clock.now = at(TUESDAY, 18, 1)
    make_worker().run_once()
    (reminder,) = _reminders(session)
    assert (reload(session, reminder).status, reload(session, reminder).failure_kind) == (
        "cancelled",
        "obsolete",
    )


def test_the_worker_schedules_reminders_and_holds_them_in_quiet_hours(
    visit, session, make_worker, clock
):
    visit()
    clock.now = at(TUESDAY, 20, 30)
    worker = make_worker(reminders=REMINDERS)
    assert worker.schedule() == 1
    worker.run_once()
    (reminder,) = _reminders(session)
    # Quiet hours hold a day-before reminder; by morning it has expired.
    assert reload(session, reminder).status == "queued"
    clock.now = at(WEDNESDAY, 8, 0)
    worker.run_once()
    assert reload(session, reminder).failure_kind == "expired"
