"""Offering, booking, moving and cancelling: the appointment and the core's booking move
together, and the landlord's rules hold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from common.calendar import local
from repairs.models import Appointment, OutboundMessage, RepairEvent
from repairs.services import (
    Book,
    CancelAppointment,
    OfferSlots,
    Rebook,
    ServiceError,
    book,
    cancel_appointment,
    find_disagreements,
    offer_slots,
    rebook,
)
from repairs.services.errors import CONFLICT, INVALID, NOT_ALLOWED_NOW, SLOT_GONE
from tests.services.helpers import booked, commit, key, reported


def _messages(ctx, repair, purpose):
    return ctx.session.scalar(
        select(func.count())
        .select_from(OutboundMessage)
        .where(OutboundMessage.repair_id == repair.id, OutboundMessage.purpose == purpose)
    )


def test_offers_run_from_the_lead_time_to_the_target_and_honour_preferences(
    ctx, tenant, household, plumber, week
):
    repair = reported(ctx, tenant, household[0]).repair
    offer = commit(
        ctx,
        offer_slots,
        tenant,
        OfferSlots(
            repair.reference,
            preferred_days=frozenset({2}),
            preferred_windows=frozenset({"morning"}),
        ),
    )
    assert offer.slots and offer.last_day == local(repair.target_at).date()
    first = offer.slots[0]
    assert local(first.starts_at).weekday() == 2 and first.window == "morning"
    assert all(local(s.starts_at).date() <= offer.last_day for s in offer.slots)
    later = commit(
        ctx, offer_slots, tenant, OfferSlots(repair.reference, after=week + timedelta(days=2))
    )
    assert all(local(s.starts_at).date() > week + timedelta(days=2) for s in later.slots)


def test_booking_makes_one_promise_on_both_sides(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    appointment, offer = booked(ctx, tenant, repair)
    assert repair.status == "booked" and appointment.operative_id == plumber.id
    booking = ctx.core.get_booking(appointment.booking_reference)
    assert (
        booking.job_reference == repair.reference
        and booking.slot.starts_at == appointment.starts_at
    )
    assert _messages(ctx, repair, "appointment_booked") == 1
    assert find_disagreements(ctx.session, ctx.core) == []


def test_a_double_submit_books_once(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    slot = commit(ctx, offer_slots, tenant, OfferSlots(repair.reference)).slots[0]
    same = key()
    first = commit(ctx, book, tenant, Book(repair.reference, slot.id, same))
    second = commit(ctx, book, tenant, Book(repair.reference, slot.id, same))
    assert first.id == second.id
    assert ctx.session.scalar(select(func.count()).select_from(Appointment)) == 1
    assert _messages(ctx, repair, "appointment_booked") == 1


def test_the_last_place_goes_to_one_tenant_only(
    ctx, tenant, household, create_operative, factories, session
):
    from repairs.audit import Actor

    # One short shift a day: room for a single job, so two tenants race for each place.
    create_operative(trades=("plumber",), pattern={str(d): ["08:00", "09:00"] for d in range(5)})
    first = reported(ctx, tenant, household[0]).repair
    neighbour, _ = factories.create_tenant(
        home=factories.create_property(
            latitude=household[2].latitude, longitude=household[2].longitude
        )
    )
    session.commit()
    them = Actor.tenant(neighbour.id, neighbour.full_name, "sms")
    second = reported(ctx, them, neighbour, "kitchen tap dripping constantly").repair
    mine = commit(ctx, offer_slots, tenant, OfferSlots(first.reference)).slots[0]
    theirs = next(
        s
        for s in commit(ctx, offer_slots, them, OfferSlots(second.reference)).slots
        if (s.starts_at, s.operative_id) == (mine.starts_at, mine.operative_id)
    )
    commit(ctx, book, tenant, Book(first.reference, mine.id, key()))
    with pytest.raises(ServiceError) as refused:
        commit(ctx, book, them, Book(second.reference, theirs.id, key()))
    assert refused.value.code == SLOT_GONE
    assert second.status == "awaiting_appointment"
    assert ctx.session.scalar(select(func.count()).select_from(Appointment)) == 1
    assert find_disagreements(ctx.session, ctx.core) == []


def test_rebooking_moves_the_appointment_and_the_booking_together(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    old, offer = booked(ctx, tenant, repair)
    new_slot = next(s for s in offer.slots[1:] if s.starts_at != old.starts_at)
    moved = commit(ctx, rebook, tenant, Rebook(repair.reference, new_slot.id, key()))
    assert moved.starts_at == new_slot.starts_at and repair.status == "booked"
    assert old.status == "rebooked"
    assert ctx.core.get_booking(old.booking_reference).status == "rebooked"
    assert ctx.core.get_booking(moved.booking_reference).status == "booked"
    event = ctx.session.scalar(select(RepairEvent).where(RepairEvent.kind == "rebooked"))
    assert event.changes["appointment"][1] == moved.starts_at.isoformat()
    assert _messages(ctx, repair, "appointment_changed") == 1
    assert find_disagreements(ctx.session, ctx.core) == []


def test_cancelling_an_appointment_keeps_the_repair_open(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    appointment, _ = booked(ctx, tenant, repair)
    commit(ctx, cancel_appointment, tenant, CancelAppointment(repair.reference, "I will be away"))
    assert repair.status == "awaiting_appointment" and appointment.status == "cancelled"
    assert appointment.cancellation_reason == "I will be away"
    assert ctx.core.get_booking(appointment.booking_reference).status == "cancelled"
    assert find_disagreements(ctx.session, ctx.core) == []


def test_no_changes_on_the_day_for_tenants_but_staff_may(
    ctx, tenant, agent, household, plumber, clock
):
    repair = reported(ctx, tenant, household[0]).repair
    appointment, offer = booked(ctx, tenant, repair)
    clock.to(local(appointment.starts_at).date(), 7, 30)
    with pytest.raises(ServiceError) as refused:
        commit(ctx, offer_slots, tenant, OfferSlots(repair.reference))
    assert refused.value.code == NOT_ALLOWED_NOW
    with pytest.raises(ServiceError) as refused:
        commit(ctx, cancel_appointment, tenant, CancelAppointment(repair.reference, "away"))
    assert refused.value.code == NOT_ALLOWED_NOW
    assert appointment.status == "booked"
    commit(ctx, cancel_appointment, agent, CancelAppointment(repair.reference, "tenant rang"))
    assert appointment.status == "cancelled"


def test_a_slot_offered_for_another_job_is_refused(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    slot = commit(ctx, offer_slots, tenant, OfferSlots(repair.reference)).slots[0]
    longer = slot.id.replace(f"~{repair.estimated_minutes}~", "~5~")
    with pytest.raises(ServiceError) as refused:
        commit(ctx, book, tenant, Book(repair.reference, longer, key()))
    assert refused.value.code == INVALID and "slot" in refused.value.fields
    assert repair.status == "awaiting_appointment"


def test_emergencies_are_not_offered_slots(ctx, tenant, household):
    repair = reported(ctx, tenant, household[0], "burst pipe water pouring everywhere").repair
    with pytest.raises(ServiceError) as refused:
        commit(ctx, offer_slots, tenant, OfferSlots(repair.reference))
    assert refused.value.code == CONFLICT


@pytest.mark.parametrize("bad_key", ["", "short", "x" * 81, "tab\there-ok"])
def test_a_booking_needs_a_proper_idempotency_key(ctx, tenant, household, plumber, bad_key):
    repair = reported(ctx, tenant, household[0]).repair
    slot = commit(ctx, offer_slots, tenant, OfferSlots(repair.reference)).slots[0]
    with pytest.raises(ServiceError) as refused:
        commit(ctx, book, tenant, Book(repair.reference, slot.id, bad_key))
    assert refused.value.code == INVALID
