"""The JSON shapes of the scheduling API carry every field of the port's values, both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from scheduling import Booking, InvalidJob, OnCallDuty, Rota, Slot
from scheduling.wire import (
    booking_from_json,
    booking_to_json,
    duty_from_json,
    duty_to_json,
    rota_from_json,
    rota_to_json,
)

AT = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


def test_an_emergency_booking_survives_the_round_trip():
    slot = Slot("1~20261206~on_call~plumber~60~52.9~-1.1", "on_call", AT, AT, 7, 0.0, 0.0)
    booking = Booking(
        "SB-AAAAAAAA",
        "JOB-1",
        slot,
        "dispatched",
        "dispatch:JOB-1",
        planned_start=AT,
        promised_arrival=AT + timedelta(minutes=27),
        attend_by=AT + timedelta(hours=4),
        make_safe_by=AT + timedelta(hours=24),
        attend_met=True,
        make_safe_met=True,
        on_call=True,
        displaced=("SB-BBBBBBBB",),
        reassigned=(("SB-CCCCCCCC", "SB-DDDDDDDD"),),
    )
    assert booking_from_json(booking_to_json(booking)) == booking
    plain = Booking("SB-EEEEEEEE", "JOB-2", slot, "booked", "key-00000001")
    assert booking_from_json(booking_to_json(plain)) == plain


def test_a_rota_survives_the_round_trip_and_bad_duties_are_named_field_by_field():
    duty = OnCallDuty(
        3,
        AT,
        AT + timedelta(hours=16),
        frozenset({"plumber", "carpenter"}),
        frozenset({"North"}),
        max_callouts=3,
        id=9,
        kind="weekend",
        callouts=2,
        operative_name="Sam Smith",
    )
    assert duty_from_json(duty_to_json(duty)) == duty
    rota = Rota(date(2026, 12, 6), 4.0, 24.0, 11.0, 5, (duty,))
    assert rota_from_json(rota_to_json(rota)) == rota
    with pytest.raises(InvalidJob) as refused:
        duty_from_json(
            {
                "operative_id": True,
                "starts_at": "2026-12-06T16:00",
                "ends_at": "3026-12-07T08:00+00:00",
                "trades": [1],
                "max_callouts": 50,
            }
        )
    assert set(refused.value.field_errors) == {
        "operative_id",
        "starts_at",
        "ends_at",
        "trades",
        "max_callouts",
    }
