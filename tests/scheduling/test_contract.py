"""The port's contract, run against the embedded core and the HTTP adapter alike."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from common.calendar import LONDON
from scheduling import (
    BookingClosed,
    BookingNotFound,
    InvalidJob,
    OperativeEvent,
    SchedulingCore,
    SlotUnavailable,
)
from tests.scheduling.conftest import CENTRE, east_of, london, make_job


def _key() -> str:
    return f"key-{uuid.uuid4().hex}"


def _day_job(week, offset=1, **overrides):
    day = week + timedelta(days=offset)
    return make_job(earliest=day, latest=day, **overrides)


def _window(core, job, name):
    return next((s for s in core.offer_slots(job, limit=20) if s.window == name), None)


def test_both_implement_the_port(core):
    assert isinstance(core.core, SchedulingCore)


def test_offers_come_from_qualified_operatives_least_travel_first(core, create_operative, week):
    create_operative(home=east_of(6))
    near = create_operative(home=east_of(0.3))
    create_operative(trades=("electrician",), home=CENTRE)
    job = make_job(earliest=week, latest=week + timedelta(days=4))
    slots = core.offer_slots(job, limit=8)
    assert len(slots) == 8
    assert all(s.operative_id == near.id for s in slots)
    assert [s.score for s in slots] == sorted(s.score for s in slots)
    for slot in slots:
        day = slot.starts_at.astimezone(LONDON).date()
        assert week <= day <= week + timedelta(days=4)
        assert slot.ends_at > slot.starts_at > datetime.now(UTC)
    assert core.offer_slots(make_job(trade="roofer")) == []


def test_booking_reading_and_the_same_key_twice(core, create_operative, week):
    create_operative()
    job = _day_job(week, duration_minutes=240)
    slot = _window(core, job, "morning")
    key = _key()
    booking = core.book(slot.id, job.reference, key)
    assert booking.status == "booked" and booking.job_reference == job.reference
    assert booking.slot.window == "morning" and booking.slot.starts_at == slot.starts_at
    assert core.book(slot.id, job.reference, key).reference == booking.reference
    read = core.get_booking(booking.reference)
    assert read.reference == booking.reference and read.idempotency_key == key
    with pytest.raises(BookingNotFound):
        core.get_booking("SB-DOESNOTEXIST")


def test_a_slot_that_has_gone_is_refused(core, create_operative, week):
    create_operative()
    job = _day_job(week, duration_minutes=470)
    slot = _window(core, job, "all_day")
    core.book(slot.id, "JOB-ONE", _key())
    with pytest.raises(SlotUnavailable):
        core.book(slot.id, "JOB-TWO", _key())
    with pytest.raises(SlotUnavailable):
        core.book("not-a-slot", "JOB-THREE", _key())
    assert _window(core, job, "all_day") is None


def test_rebooking_moves_the_job_and_frees_the_old_place(core, create_operative, week):
    create_operative()
    tuesday, wednesday = (
        _day_job(week, 1, duration_minutes=470),
        _day_job(week, 2, duration_minutes=470),
    )
    booking = core.book(_window(core, tuesday, "all_day").id, "JOB-R", _key())
    moved = core.rebook(booking.reference, _window(core, wednesday, "all_day").id, _key())
    assert moved.replaces == booking.reference and moved.job_reference == "JOB-R"
    assert core.get_booking(booking.reference).status == "rebooked"
    assert _window(core, tuesday, "all_day") is not None
    assert _window(core, wednesday, "all_day") is None
    with pytest.raises(BookingClosed):
        core.rebook(booking.reference, _window(core, tuesday, "all_day").id, _key())


def test_cancelling_frees_the_place(core, create_operative, week):
    create_operative()
    job = _day_job(week, duration_minutes=470)
    booking = core.book(_window(core, job, "all_day").id, "JOB-C", _key())
    assert core.cancel(booking.reference).status == "cancelled"
    assert core.cancel(booking.reference).status == "cancelled"
    assert _window(core, job, "all_day") is not None
    with pytest.raises(BookingNotFound):
        core.cancel("SB-NOTHERE")


def test_bad_jobs_and_emergencies_are_refused_for_offers(core, create_operative):
    create_operative()
    with pytest.raises(InvalidJob):
        core.offer_slots(make_job(priority="emergency"))
    with pytest.raises(InvalidJob) as raised:
        core.offer_slots(make_job(duration_minutes=0))
    assert "duration" in raised.value.field_errors
    with pytest.raises(InvalidJob):
        core.offer_slots(make_job(latitude=None, longitude=None, uprn="000000000000"))


def test_emergencies_are_dispatched_to_the_nearest_operative(core, create_operative, clock, week):
    # A working weekday at ten: shifts do not run on bank holidays or across midnight.
    clock.now = london(week + timedelta(days=1), 10)
    every_day = {str(d): ["00:00", "23:59"] for d in range(7)}
    create_operative(home=east_of(8), pattern=every_day)
    near = create_operative(home=east_of(2), pattern=every_day)
    job = make_job(priority="emergency", duration_minutes=45)
    booking = core.dispatch(job)
    assert booking.status == "dispatched" and booking.slot.operative_id == near.id
    assert core.dispatch(job).reference == booking.reference


def test_field_events_reach_the_subscriber(core, create_operative, week):
    create_operative()
    job = _day_job(week)
    booking = core.book(_window(core, job, "morning").id, job.reference, _key())
    heard: list[OperativeEvent] = []
    core.events.subscribe(heard.append)
    try:
        for kind, status in (("on_the_way", "in_progress"), ("completed", "completed")):
            event = OperativeEvent(
                id=_key(),
                booking_reference=booking.reference,
                kind=kind,
                occurred_at=datetime.now(UTC),
            )
            assert core.report_event(event).status == status
    finally:
        core.events.unsubscribe(heard.append)
    assert [e.kind for e in heard] == ["on_the_way", "completed"]
    assert heard[0].job_reference == job.reference
    with pytest.raises(BookingClosed):
        core.cancel(booking.reference)


def test_jobs_can_be_placed_by_uprn(core, create_operative, week, factories, session):
    create_operative()
    home = factories.create_property(latitude=east_of(1)[0], longitude=east_of(1)[1])
    session.commit()
    slots = core.offer_slots(make_job(latitude=None, longitude=None, uprn=home.uprn), limit=3)
    assert len(slots) == 3 and slots[0].added_travel_km == pytest.approx(2.6, rel=0.02)
