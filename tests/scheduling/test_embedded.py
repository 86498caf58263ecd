"""The embedded core over a real database: bookings, idempotency, rebooking, caching."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from common.calendar import LONDON
from scheduling import BookingClosed, BookingNotFound, InvalidJob, SlotUnavailable
from scheduling.embedded.core import EmbeddedCore
from scheduling.embedded.models import SchedulingBooking
from tests.scheduling.conftest import CENTRE, Harness, east_of, london, make_job


def _slot(core, week, window="morning", offset=1, **job):
    day = week + timedelta(days=offset)
    slots = core.offer_slots(make_job(earliest=day, latest=day, **job), limit=20)
    matching = [s for s in slots if s.window == window]
    return matching[0] if matching else None


def _count(session, **where) -> int:
    query = select(func.count()).select_from(SchedulingBooking).filter_by(**where)
    return session.scalar(query)


def test_a_booking_takes_the_place_and_the_same_key_books_once(
    embedded, create_operative, week, session
):
    create_operative()
    slot = _slot(embedded, week, duration_minutes=240)
    first = embedded.book(slot.id, "JOB-A", "key-aaaa-0001")
    again = embedded.book(slot.id, "JOB-A", "key-aaaa-0001")
    assert again.reference == first.reference and first.status == "booked"
    assert _count(session) == 1
    assert embedded.get_booking(first.reference).slot.window == "morning"
    assert first.slot.starts_at.astimezone(LONDON).hour == 8
    with pytest.raises(InvalidJob):
        embedded.book(slot.id, "JOB-OTHER", "key-aaaa-0001")


def test_a_full_window_is_no_longer_offered_and_cannot_be_booked(embedded, create_operative, week):
    create_operative()
    slot = _slot(embedded, week, duration_minutes=240)
    embedded.book(slot.id, "JOB-1", "key-full-0001")
    second = _slot(embedded, week, duration_minutes=240)
    embedded.book(second.id, "JOB-2", "key-full-0002")
    assert _slot(embedded, week, duration_minutes=240) is None
    with pytest.raises(SlotUnavailable):
        embedded.book(second.id, "JOB-3", "key-full-0003")


def test_a_rebook_that_cannot_be_placed_changes_nothing(embedded, create_operative, week):
    create_operative()
    booking = embedded.book(_slot(embedded, week, duration_minutes=240).id, "JOB-1", "rebook-0001")
    wednesday = _slot(embedded, week, offset=2, window="all_day", duration_minutes=470)
    embedded.book(wednesday.id, "JOB-2", "rebook-0002")
    with pytest.raises(SlotUnavailable):
        embedded.rebook(booking.reference, wednesday.id, "rebook-0003")
    assert embedded.get_booking(booking.reference).status == "booked"


def test_a_rebook_releases_the_old_place_in_the_same_transaction(
    embedded, create_operative, week, session
):
    create_operative()
    whole_day = _slot(embedded, week, window="all_day", duration_minutes=470)
    booking = embedded.book(whole_day.id, "JOB-1", "rebook-1001")
    assert _slot(embedded, week, window="afternoon", duration_minutes=470) is None
    # The day is full, but moving the job within it frees its own place first.
    afternoon_id = whole_day.id.replace("~all_day~", "~morning~")
    moved = embedded.rebook(booking.reference, afternoon_id, "rebook-1002")
    assert moved.replaces == booking.reference and moved.slot.window == "morning"
    assert embedded.get_booking(booking.reference).status == "rebooked"
    assert _count(session, status="booked") == 1
    assert embedded.rebook(booking.reference, afternoon_id, "rebook-1002").reference == (
        moved.reference
    )
    with pytest.raises(BookingClosed):
        embedded.rebook(booking.reference, whole_day.id, "rebook-1003")
    with pytest.raises(InvalidJob):
        embedded.rebook(moved.reference, whole_day.id, "rebook-1001")


def test_cancelling_releases_the_place_and_is_harmless_twice(embedded, create_operative, week):
    create_operative()
    slot = _slot(embedded, week, window="all_day", duration_minutes=470)
    booking = embedded.book(slot.id, "JOB-1", "cancel-0001")
    assert _slot(embedded, week, window="all_day", duration_minutes=470) is None
    assert embedded.cancel(booking.reference).status == "cancelled"
    assert embedded.cancel(booking.reference).status == "cancelled"
    assert _slot(embedded, week, window="all_day", duration_minutes=470) is not None
    with pytest.raises(BookingNotFound):
        embedded.cancel("SB-NOPE")


def test_another_process_sees_each_change(app, embedded, create_operative, week):
    from portal.extensions import db

    create_operative()
    other = Harness(EmbeddedCore(lambda: db.session, embedded.settings), db.session)
    assert _slot(other, week, window="all_day", duration_minutes=470) is not None
    embedded.book(
        _slot(embedded, week, window="all_day", duration_minutes=470).id, "J", "proc-0001"
    )
    assert _slot(other, week, window="all_day", duration_minutes=470) is None
    # A new operative reaches every cache at once, through the change listener.
    create_operative(home=east_of(3))
    assert _slot(other, week, window="all_day", duration_minutes=470) is not None


def test_jobs_by_uprn_and_unknown_uprns(embedded, create_operative, week, factories, session):
    create_operative()
    home = factories.create_property(latitude=CENTRE[0], longitude=CENTRE[1])
    session.commit()
    slots = embedded.offer_slots(make_job(latitude=None, longitude=None, uprn=home.uprn))
    assert slots and slots[0].added_travel_km == pytest.approx(0, abs=0.01)
    with pytest.raises(InvalidJob):
        embedded.offer_slots(make_job(latitude=None, longitude=None, uprn="999"))


def test_emergencies_go_to_the_nearest_qualified_operative(
    embedded, create_operative, session, clock, week
):
    # A working weekday at ten: shifts do not run on bank holidays or across midnight.
    clock.now = london(week + timedelta(days=1), 10)
    every_day = {str(d): ["00:00", "23:59"] for d in range(7)}
    create_operative(home=east_of(9), pattern=every_day)
    near = create_operative(home=east_of(1), pattern=every_day)
    create_operative(trades=("electrician",), home=CENTRE, pattern=every_day)
    job = make_job(priority="emergency", duration_minutes=30)
    booking = embedded.dispatch(job)
    assert booking.status == "dispatched" and booking.slot.operative_id == near.id
    assert embedded.dispatch(job).reference == booking.reference
    assert _count(session) == 1
