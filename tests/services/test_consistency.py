"""One truth for appointments: random sequences of changes through the services never
leave a repair, its appointment and the core's booking disagreeing, and the check finds
a disagreement when one is made by hand."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from repairs.audit import Actor
from repairs.models import Appointment
from repairs.services import (
    Book,
    CancelAppointment,
    CancelRepair,
    FieldReport,
    OfferSlots,
    Rebook,
    ReportRepair,
    ServiceError,
    book,
    cancel_appointment,
    cancel_repair,
    find_disagreements,
    offer_slots,
    rebook,
    record_field_event,
    report_repair,
)
from repairs.services.consistency import orphan_bookings
from scheduling import OperativeEvent
from scheduling.embedded.models import SchedulingBooking
from tests.services.helpers import booked, commit, key, reported

TEXTS = (
    "The kitchen tap is dripping all the time",
    "bathroom sink tap dripping",
    "kitchen cupboard door hanging off",
)


def _field_event(ctx, appointment, kind, n):
    report = FieldReport(f"ev-{n}", appointment.booking_reference, kind, appointment.starts_at)
    try:
        ctx.core.report_event(
            OperativeEvent(report.event_id, report.booking_reference, kind, report.occurred_at)
        )
        record_field_event(ctx, report, "test")
    except Exception:
        ctx.session.rollback()
        raise
    ctx.session.commit()


def _active(ctx, repair):
    return ctx.session.scalar(
        select(Appointment).where(
            Appointment.repair_id == repair.id, Appointment.status == "booked"
        )
    )


def _step(ctx, rng: random.Random, actor: Actor, repairs: list, n: int) -> str:
    """One random change that applies to a repair that is still open; returns its name."""
    person_id = repairs[0].reported_by_id
    open_ = [r for r in repairs if r.status in ("awaiting_appointment", "booked", "no_access")]
    if not open_ or rng.random() < 0.05:
        text = rng.choice(TEXTS)
        report = ReportRepair(person_id=person_id, description=text, confirm_new=True)
        repairs.append(commit(ctx, report_repair, actor, report).repair)
        return "report"
    repair = rng.choice(open_)
    appointment = _active(ctx, repair)
    if appointment is None:
        offer = commit(ctx, offer_slots, actor, OfferSlots(repair.reference))
        commit(ctx, book, actor, Book(repair.reference, rng.choice(offer.slots).id, key()))
        return "book"
    action = rng.choice(["rebook", "cancel_appointment", "cancel_repair", "field", "field"])
    if action == "rebook":
        offer = commit(ctx, offer_slots, actor, OfferSlots(repair.reference))
        choices = [s for s in offer.slots if s.starts_at != appointment.starts_at]
        commit(ctx, rebook, actor, Rebook(repair.reference, rng.choice(choices).id, key()))
    elif action == "cancel_appointment":
        commit(
            ctx, cancel_appointment, actor, CancelAppointment(repair.reference, "change of plan")
        )
    elif action == "cancel_repair":
        commit(ctx, cancel_repair, actor, CancelRepair(repair.reference, "no longer needed"))
    else:
        kind = rng.choice(["on_the_way", "arrived", "completed", "no_access", "follow_on_needed"])
        _field_event(ctx, appointment, kind, n)
    return action


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_changes_never_leave_the_two_sides_disagreeing(
    ctx, agent, household, factories, session, create_operative, seed
):
    rng = random.Random(seed)
    for trades in (("plumber",), ("plumber", "carpenter"), ("carpenter", "general_operative")):
        create_operative(trades=trades)
    person = household[0]
    repairs = [reported(ctx, agent, person, text).repair for text in TEXTS]
    repairs += [
        reported(ctx, agent, person, text).repair
        for text in ("the toilet cistern keeps running", "bedroom door handle broken")
    ]
    done = Counter()
    for n in range(120):
        try:
            done[_step(ctx, rng, agent, repairs, n)] += 1
        except ServiceError as refused:
            # Refusals are part of the game (a closed repair, a slot gone); they change nothing.
            assert refused.code in {"conflict", "slot_gone", "not_allowed_now"}, refused
        assert find_disagreements(ctx.session, ctx.core) == [], f"after step {n}"
        assert orphan_bookings(ctx.session) == [], f"after step {n}"
    # The walk really did each kind of change, not only refusals.
    assert {"book", "rebook", "cancel_appointment", "cancel_repair", "field"} <= set(done), done
    assert done["book"] >= 15 and done["field"] >= 15, done


def test_the_check_command_finds_a_booking_moved_by_hand(app, ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    appointment, _ = booked(ctx, tenant, repair)
    runner = app.test_cli_runner()
    clean = runner.invoke(args=["repairs", "check"])
    assert clean.exit_code == 0, clean.output
    ctx.session.execute(
        update(SchedulingBooking)
        .where(SchedulingBooking.reference == appointment.booking_reference)
        .values(starts_at=appointment.starts_at + timedelta(days=1))
    )
    ctx.session.commit()
    broken = runner.invoke(args=["repairs", "check"])
    assert broken.exit_code == 1
    assert repair.reference in broken.output and "different times" in broken.output


def test_the_check_finds_a_booking_that_no_appointment_holds(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    reference = booked(ctx, tenant, repair)[0].booking_reference
    ctx.session.execute(update(Appointment).values(booking_reference=None, status="cancelled"))
    ctx.session.commit()
    assert [str(d) for d in orphan_bookings(ctx.session)] == [
        f"{repair.reference}: booking {reference} is held by no appointment"
    ]
