"""Day work stays honest: a night call-out pushes the next morning by the rest rule, and
the jobs booked into it move to a colleague in the same window, or are named for rebooking."""

from __future__ import annotations

from datetime import timedelta

from common.calendar import LONDON
from scheduling import OnCallDuty
from tests.scheduling.conftest import CENTRE, east_of, london, make_job


def _book_tuesday_morning(embedded, clock, week, reference, minutes=120):
    tuesday = week + timedelta(days=1)
    clock.now = london(week, 9)
    job = make_job(reference, earliest=tuesday, latest=tuesday, duration_minutes=minutes)
    slot = next(s for s in embedded.offer_slots(job) if s.window == "morning")
    return embedded.book(slot.id, reference, f"key-{reference}")


def _on_call_monday_night(embedded, op, week):
    starts = london(week, 16)
    embedded.add_duty(OnCallDuty(op.id, starts, starts + timedelta(hours=16), frozenset(op.trades)))


def test_a_night_call_out_moves_the_next_mornings_job_to_a_colleague(
    app, embedded, clock, create_operative, week
):
    on_call = create_operative(home=CENTRE)
    booked = _book_tuesday_morning(embedded, clock, week, "TUE-MORNING")
    assert booked.slot.operative_id == on_call.id
    colleague = create_operative(home=east_of(2))
    _on_call_monday_night(embedded, on_call, week)

    clock.now = london(week + timedelta(days=1), 0, 30)
    callout = embedded.dispatch(make_job("TUE-0030", priority="emergency", duration_minutes=90))
    assert callout.on_call and callout.slot.operative_id == on_call.id
    # Home at about 02:15, rest until about 13:15: the 08:00-12:00 promise cannot be kept.
    assert callout.displaced == ()
    [(old, new)] = callout.reassigned
    assert old == booked.reference
    moved = embedded.get_booking(new)
    assert embedded.get_booking(old).status == "rebooked" and moved.replaces == old
    assert moved.slot.operative_id == colleague.id and moved.slot.window == "morning"
    assert moved.slot.starts_at == booked.slot.starts_at and moved.status == "booked"
    assert embedded.get_booking(callout.reference).reassigned == callout.reassigned

    tuesday = (week + timedelta(days=1)).isoformat()
    day = app.test_cli_runner().invoke(args=["scheduling", "day", str(on_call.id), tuesday])
    assert "after the rest owed for a call-out" in day.output and "0 jobs" in day.output
    arrived = callout.promised_arrival.astimezone(LONDON)
    assert f"call-out {arrived:%H:%M}   90 min  {callout.reference} TUE-0030" in day.output
    # Eleven hours' rest after the 90 minutes on site, to the next whole minute.
    rest = (callout.promised_arrival + timedelta(minutes=90 + 11 * 60)).astimezone(LONDON)
    whole = rest.replace(second=0, microsecond=0)
    whole += timedelta(minutes=1) if rest > whole else timedelta(0)
    assert f"starts {whole:%H:%M}, after the rest" in day.output


def test_a_job_nobody_else_can_keep_is_named_for_rebooking(embedded, clock, create_operative, week):
    on_call = create_operative(home=CENTRE)
    booked = _book_tuesday_morning(embedded, clock, week, "TUE-ALONE", minutes=200)
    _on_call_monday_night(embedded, on_call, week)
    clock.now = london(week + timedelta(days=1), 1)
    callout = embedded.dispatch(make_job("TUE-0100", priority="emergency"))
    assert callout.on_call and callout.reassigned == ()
    assert callout.displaced == (booked.reference,)
    assert embedded.get_booking(booked.reference).status == "booked"
    # Once the caller has moved it (cancelled here), nothing is left displaced.
    embedded.cancel(booked.reference)
    assert embedded.get_booking(callout.reference).displaced == ()


def test_an_evening_call_out_leaves_the_next_morning_alone(embedded, clock, create_operative, week):
    on_call = create_operative(home=CENTRE)
    booked = _book_tuesday_morning(embedded, clock, week, "TUE-KEPT")
    create_operative(home=east_of(2))
    _on_call_monday_night(embedded, on_call, week)
    clock.now = london(week, 18)
    callout = embedded.dispatch(make_job("MON-1800", priority="emergency"))
    assert callout.on_call and callout.displaced == () and callout.reassigned == ()
    assert embedded.get_booking(booked.reference).status == "booked"
