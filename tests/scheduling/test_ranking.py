"""The ranking rules: which day and which operative an offer puts first, and why."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common.calendar import LONDON
from scheduling.planner import Stop
from scheduling.ranking import operative_cost
from scheduling.windows import Settings
from tests.scheduling.conftest import east_of, make_job
from tests.scheduling.test_planner import MONDAY, london, operative, roster


def _at(km: float) -> dict:
    lat, lon = east_of(km)
    return {"latitude": lat, "longitude": lon}


def test_a_job_next_to_an_operatives_work_ranks_that_day_first():
    r = roster(operative())
    thursday = MONDAY + timedelta(days=3)
    r.place(1, thursday, Stop(99, *east_of(5.1), 480, 960, 60, 1.0))
    slots = r.offers(make_job(**_at(5), latest=MONDAY + timedelta(days=4)), london(MONDAY, 7))
    # Tuesday and Wednesday are empty: each would cost a 13 km round trip from home.
    assert slots[0].starts_at.astimezone(LONDON).date() == thursday
    assert slots[0].added_travel_km < 0.5
    # Only windows that the Thursday route can serve are cheap.
    cheap = [s for s in slots if s.added_travel_km < 0.5]
    assert {s.starts_at.astimezone(LONDON).date() for s in cheap} == {thursday}


def test_a_day_opens_near_home_rather_than_stretch_a_day_far_from_its_home():
    # Operative 1 lives 1.5 km from the job with Tuesday empty; operative 2 lives 2 km
    # away and already works next door on Tuesday. Added travel alone would stretch
    # operative 2's day; the month benchmark drives less when each operative's days stay
    # around their home, so later jobs there find someone passing by on more days.
    near_home = operative(1, home=east_of(1.5))
    passing = operative(2, home=east_of(-2))
    r = roster(near_home, passing)
    tuesday = MONDAY + timedelta(days=1)
    r.place(2, tuesday, Stop(99, *east_of(0.1), 480, 960, 60, 1.0))
    slots = r.offers(make_job(latest=tuesday), london(MONDAY, 7), limit=4)
    assert {s.operative_id for s in slots} == {1}
    # With the home-distance weights at 1 and no credit for a new day, the old ranking
    # (least added travel plus home distance) would send operative 2.
    flat = roster(
        near_home, passing, km_per_home_km=1.0, new_day_credit_km=0.0, km_per_other_trade=0.0
    )
    flat.place(2, tuesday, Stop(99, *east_of(0.1), 480, 960, 60, 1.0))
    assert flat.offers(make_job(latest=tuesday), london(MONDAY, 7), limit=1)[0].operative_id == 2


def test_a_scarce_second_trade_is_kept_for_its_own_work():
    both = operative(1, trades=("plumber", "glazier"))
    plumber = operative(2)
    r = roster(both, plumber)
    slots = r.offers(make_job(**_at(2)), london(MONDAY, 7), limit=20)
    assert {s.operative_id for s in slots} == {2}
    # Glazing only operative 1 can do, and still gets offered.
    glazing = r.offers(make_job(trade="glazier", **_at(2)), london(MONDAY, 7), limit=5)
    assert {s.operative_id for s in glazing} == {1}


def test_operative_cost_adds_the_weights_to_the_added_travel():
    s = Settings()
    joining = operative_cost(s, 0.4, 3.0, opens_day=False, other_trades=0)
    assert joining == pytest.approx(0.4 + 3.0 * s.km_per_home_km)
    opening = operative_cost(s, 6.0, 3.0, opens_day=True, other_trades=1)
    expected = 6.0 + 3.0 * s.new_day_km_per_home_km - s.new_day_credit_km + s.km_per_other_trade
    assert opening == pytest.approx(expected)
