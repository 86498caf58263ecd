"""Emergencies at any hour, through the port: on both the embedded core and over HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling import (
    AttendTargetMissed,
    DutyInUse,
    DutyNotFound,
    InvalidJob,
    NoOperativeAvailable,
    OnCallDuty,
)
from scheduling.travel import TravelModel
from tests.scheduling.conftest import CENTRE, east_of, london, make_job

LATE = {str(d): ["10:00", "18:00"] for d in range(5)}
TRAVEL = TravelModel()


def _drive(op) -> timedelta:
    """How long the operative drives from home to the job (at the Council House)."""
    home = (op.home_latitude, op.home_longitude)
    return timedelta(minutes=TRAVEL.minutes(TRAVEL.road_km(*home, *CENTRE)))


def _near(moment, expected) -> bool:
    return abs(moment - expected) < timedelta(seconds=1)


def _duty(op, starts, hours=None, **values) -> OnCallDuty:
    ends = starts + timedelta(hours=hours) if hours else values.pop("ends")
    return OnCallDuty(op.id, starts, ends, frozenset(values.pop("trades", op.trades)), **values)


@pytest.fixture
def friday_and_weekend(core, create_operative, week):
    """A late-shift plumber, a day-shift one next door to the job, one on call all weekend."""
    friday, saturday = week + timedelta(days=4), week + timedelta(days=5)
    late = create_operative(home=east_of(1), pattern=LATE)
    next_door = create_operative(home=CENTRE)
    on_call = create_operative(home=east_of(4))
    core.add_duty(_duty(on_call, london(friday, 16), ends=london(saturday, 8)))
    core.add_duty(_duty(on_call, london(saturday, 8), 24))
    return friday, late, next_door, on_call


def test_an_emergency_at_0200_on_sunday_and_1630_on_friday_is_attended_in_time(
    core, clock, friday_and_weekend
):
    friday, late, next_door, on_call = friday_and_weekend
    sunday = friday + timedelta(days=2)

    # 16:30 on Friday: the day shift has ended next door, the late shift is on until 18:00.
    clock.now = london(friday, 16, 30)
    booking = core.dispatch(make_job("FRI-1630", priority="emergency"))
    assert booking.slot.operative_id == late.id and not booking.on_call
    assert _near(booking.promised_arrival, clock.now + _drive(late))
    assert booking.attend_met and booking.make_safe_met
    assert booking.attend_by == clock.now + timedelta(hours=4)
    assert booking.make_safe_by == clock.now + timedelta(hours=24)

    # 19:00: every shift is over; the operative on call drives from home, once up.
    clock.now = london(friday, 19)
    evening = core.dispatch(make_job("FRI-1900", priority="emergency"))
    assert evening.slot.operative_id == on_call.id and evening.on_call
    mobilise = timedelta(minutes=15)
    assert _near(evening.promised_arrival, clock.now + mobilise + _drive(on_call))

    # 02:00 on Sunday: nobody works; the weekend's on-call operative comes.
    clock.now = london(sunday, 2)
    night = core.dispatch(make_job("SUN-0200", priority="emergency", duration_minutes=90))
    assert night.slot.operative_id == on_call.id and night.on_call and night.status == "dispatched"
    assert _near(night.promised_arrival, clock.now + mobilise + _drive(on_call))
    assert night.promised_arrival <= night.attend_by and night.attend_met and night.make_safe_met
    assert next_door.id not in {booking.slot.operative_id, night.slot.operative_id}
    assert core.get_booking(night.reference).promised_arrival == night.promised_arrival

    rota = core.rota(sunday - timedelta(days=1))
    assert {(d.kind, d.callouts) for d in rota.duties} == {("weeknight", 1), ("weekend", 1)}
    assert (rota.attend_hours, rota.make_safe_hours) == (4, 24)


def test_nobody_in_time_is_said_at_once_and_booked_late_only_when_asked(
    core, clock, create_operative, week
):
    saturday = week + timedelta(days=5)
    far = create_operative(home=east_of(110))
    core.add_duty(_duty(far, london(saturday, 8), 24))
    clock.now = london(saturday, 22)
    job = make_job("SAT-2200", priority="emergency")
    with pytest.raises(AttendTargetMissed) as missed:
        core.dispatch(job)
    assert not isinstance(missed.value, NoOperativeAvailable)
    assert missed.value.operative_id == far.id and missed.value.on_call
    assert missed.value.earliest_arrival > missed.value.attend_by == clock.now + timedelta(hours=4)
    assert core.rota(saturday).duties[0].callouts == 0  # nothing was booked

    late = core.dispatch(job, accept_late=True)
    assert late.slot.operative_id == far.id and late.attend_met is False and late.make_safe_met
    assert _near(late.promised_arrival, missed.value.earliest_arrival)
    assert core.dispatch(job, accept_late=True).reference == late.reference

    with pytest.raises(NoOperativeAvailable) as nobody:
        core.dispatch(make_job("SAT-GLASS", priority="emergency", trade="glazier"))
    assert nobody.value.earliest_arrival is None and nobody.value.make_safe_by


def test_the_rota_keeps_its_rules(core, clock, create_operative, week):
    monday = week
    op = create_operative(trades=("plumber", "carpenter"), home=east_of(2))
    clock.now = london(monday - timedelta(days=3), 9)
    duty = core.add_duty(
        _duty(op, london(monday, 16), ends=london(monday, 23), patches={"Central"})
    )
    assert duty.id and duty.kind == "weeknight" and duty.trades == {"plumber", "carpenter"}
    assert [d.id for d in core.rota(monday).duties] == [duty.id]
    assert core.rota(monday).duties[0].operative_name == op.name

    bad = [
        (_duty(op, london(monday, 12), 6), "starts_at"),  # on shift until 16:00
        (_duty(op, london(monday, 20), 6), "starts_at"),  # already on call
        (_duty(op, london(monday + timedelta(days=1), 16), 30), "ends_at"),  # too long
        (_duty(op, london(monday + timedelta(days=1), 16), 4, trades={"gas_engineer"}), "trades"),
        (_duty(op, london(monday + timedelta(days=1), 16), 4, patches={"Atlantis"}), "patches"),
        (OnCallDuty(99999, london(monday, 16), london(monday, 20), frozenset({"plumber"})), None),
    ]
    for wrong, field in bad:
        with pytest.raises(InvalidJob) as refused:
            core.add_duty(wrong)
        assert field is None or field in refused.value.field_errors, refused.value.field_errors
    assert len(core.rota(monday).duties) == 1

    removed = core.remove_duty(duty.id)
    assert removed.id == duty.id and core.rota(monday).duties == ()
    with pytest.raises(DutyNotFound):
        core.remove_duty(duty.id)

    used = core.add_duty(_duty(op, london(monday, 16), 16))
    clock.now = london(monday, 21)
    assert core.dispatch(make_job("MON-2100", priority="emergency")).on_call
    with pytest.raises(DutyInUse):
        core.remove_duty(used.id)
