"""The pure planner and roster: travel, fitting, windows, dates, preferences and ranking."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from common.calendar import LONDON
from scheduling import InvalidJob
from scheduling.emergency import choose
from scheduling.planner import DayRoute, Stop
from scheduling.roster import OperativeInfo, Roster
from scheduling.slots import decode
from scheduling.travel import TravelModel, crow_km, quick_km
from scheduling.windows import Settings, parse_windows
from tests.scheduling.conftest import CENTRE, east_of, make_job

TRAVEL = TravelModel(1.3, 25)
WEEKDAYS = dict.fromkeys(range(5), (8 * 60, 16 * 60))
MONDAY = date(2026, 11, 30)


def london(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def operative(op_id=1, home=CENTRE, trades=("plumber",), pattern=None, absences=()):
    return OperativeInfo(
        op_id, frozenset(trades), home[0], home[1], pattern or WEEKDAYS, tuple(absences)
    )


def roster(*ops, **settings) -> Roster:
    return Roster(Settings(**settings), {op.id: op for op in ops})


def test_travel_is_road_distance_at_city_speed():
    london_to_nottingham = crow_km(51.5074, -0.1278, *CENTRE)
    assert 172 < london_to_nottingham < 178
    five_east = east_of(5)
    assert quick_km(*CENTRE, *five_east) == pytest.approx(crow_km(*CENTRE, *five_east), rel=2e-3)
    assert TRAVEL.road_km(*CENTRE, *five_east) == pytest.approx(6.5, rel=5e-3)
    assert TRAVEL.minutes(25) == pytest.approx(60)
    with pytest.raises(ValueError):
        TravelModel(0.5, 25)


def test_windows_come_from_configuration():
    names = [w.name for w in Settings().windows]
    assert names == ["morning", "afternoon", "all_day", "school_run"]
    school = Settings().window("school_run")
    assert (school.start, school.end) == (9 * 60 + 30, 14 * 60 + 30)
    assert [w.name for w in parse_windows("early=07:00-10:00")] == ["early"]
    for bad in ("morning=12:00-08:00", "nonsense", "a=08:00-09:00,a=09:00-10:00", ""):
        with pytest.raises(ValueError):
            parse_windows(bad)
    settings = Settings.from_config(
        {"SCHEDULING_WINDOWS": "am=08:00-13:00", "SCHEDULING_SPEED_KMH": "30"}
    )
    assert settings.window("am").end == 13 * 60 and settings.speed_kmh == 30


def _route(*stops, shift=(480, 960)) -> DayRoute:
    return DayRoute(1, shift[0], shift[1], *CENTRE, TRAVEL, list(stops))


def test_an_empty_day_takes_a_job_for_the_round_trip():
    found = _route().best_insertions(*east_of(5), 60, [(480, 720)])[0]
    assert found.added_km == pytest.approx(13, rel=5e-3)
    # Leaves home at the start of the shift and drives 6.5 km at 25 km/h.
    assert found.start == pytest.approx(480 + 15.6, rel=1e-2)


def test_a_job_fits_only_with_the_travel_to_reach_it():
    route = _route()
    assert route.best_insertions(*CENTRE, 470, [(480, 960)])[0] is not None
    assert route.best_insertions(*east_of(5), 470, [(480, 960)])[0] is None


def test_an_insertion_may_not_push_a_later_promise_out_of_its_window():
    afternoon = Stop(1, *CENTRE, window_start=720, window_end=960, duration=240, sequence=1)
    route = _route(afternoon)
    assert route.best_insertions(*CENTRE, 240, [(480, 720)])[0] is not None
    assert route.best_insertions(*east_of(5), 240, [(480, 720)])[0] is None


def test_an_overfull_day_offers_nothing():
    stops = [Stop(n, *CENTRE, 480, 720, 200, float(n)) for n in range(3)]
    route = _route(*stops)
    assert not route.feasible
    assert route.best_insertions(*CENTRE, 10, [(480, 960)]) == [None]
    assert route.free_minutes() == 0


def test_joining_a_nearby_job_adds_little_travel():
    nearby = Stop(1, *east_of(5), 480, 720, 60, 1.0)
    route = _route(nearby)
    found = route.best_insertions(*east_of(5.2), 60, [(480, 960)])[0]
    assert found.added_km < 1
    assert found.sequence in (0.0, 2.0)


def test_offers_respect_the_lead_time_and_are_never_in_the_past():
    r = roster(operative())
    sunday_evening = london(MONDAY - timedelta(days=1), 21)
    slots = r.offers(make_job(latest=MONDAY), sunday_evening, limit=20)
    # Twelve hours' notice: 09:00 Monday, so the 08:00 windows have gone.
    assert {s.window for s in slots} == {"afternoon", "school_run"}
    assert all(s.starts_at >= sunday_evening + timedelta(hours=12) for s in slots)
    wednesday_lunch = london(MONDAY + timedelta(days=2), 13)
    slots = r.offers(make_job(), wednesday_lunch, limit=100)
    assert slots and all(s.starts_at > wednesday_lunch for s in slots)
    assert min(s.starts_at for s in slots).astimezone(LONDON).date() > MONDAY + timedelta(days=2)


def test_offers_end_at_the_priority_target():
    r = roster(operative())
    now = london(MONDAY, 7)
    urgent = r.offers(make_job(priority="urgent"), now, limit=100)
    assert max(s.starts_at for s in urgent).astimezone(LONDON).date() == date(2026, 12, 7)
    routine = r.offers(make_job(priority="routine"), now, limit=100)
    assert max(s.starts_at for s in routine).astimezone(LONDON).date() > date(2026, 12, 7)
    capped = r.offers(make_job(latest=date(2026, 12, 2)), now, limit=100)
    assert max(s.starts_at for s in capped).astimezone(LONDON).date() == date(2026, 12, 2)


def test_no_weekends_or_bank_holidays_unless_configured():
    every_day = dict.fromkeys(range(7), (480, 960))
    now = london(date(2026, 12, 21), 7)
    days = {
        s.starts_at.astimezone(LONDON).date()
        for s in roster(operative(pattern=every_day)).offers(make_job(), now, limit=100)
    }
    assert date(2026, 12, 25) not in days and date(2026, 12, 28) not in days
    assert all(d.weekday() < 5 for d in days)
    everything = roster(operative(pattern=every_day), work_weekends=True, work_bank_holidays=True)
    days = {s.starts_at.astimezone(LONDON).date() for s in everything.offers(make_job(), now, 100)}
    assert {date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 28)} <= days


def test_no_offers_when_the_operative_is_absent_or_unqualified():
    tuesday = MONDAY + timedelta(days=1)
    r = roster(operative(absences=[(tuesday, tuesday)]))
    days = {
        s.starts_at.astimezone(LONDON).date() for s in r.offers(make_job(), london(MONDAY, 7), 100)
    }
    assert tuesday not in days and MONDAY + timedelta(days=2) in days
    assert roster(operative(trades=("electrician",))).offers(make_job(), london(MONDAY, 7)) == []


def test_the_slots_adding_least_travel_come_first():
    near, far = operative(1, home=east_of(0.5)), operative(2, home=east_of(8))
    r = roster(near, far)
    thursday = MONDAY + timedelta(days=3)
    # Operative 2 is already working next door to the job on Thursday; the job is half
    # an hour's drive from either home, so any other day costs a long round trip.
    r.place(2, thursday, Stop(99, *east_of(4.1), 480, 960, 60, 1.0))
    job = make_job(
        latitude=east_of(4.05)[0], longitude=east_of(4.05)[1], latest=MONDAY + timedelta(days=4)
    )
    slots = r.offers(job, london(MONDAY, 7), limit=5)
    assert slots[0].starts_at.astimezone(LONDON).date() == thursday
    assert slots[0].operative_id == 2 and slots[0].added_travel_km < 1
    assert [s.score for s in slots] == sorted(s.score for s in slots)
    earliest = r.offers(job, london(MONDAY, 7), limit=5, ranking="earliest")
    assert earliest[0].starts_at.astimezone(LONDON).date() == MONDAY + timedelta(days=1)
    # One slot per day and window: the tenant chooses a time, not a person.
    keys = [(s.starts_at, s.window) for s in r.offers(job, london(MONDAY, 7), limit=100)]
    assert len(keys) == len(set(keys))
    assert decode(slots[0].id).operative_id == 2


def test_preferred_days_and_windows_come_first():
    r = roster(operative())
    thursday = 3
    job = make_job(preferred_days=frozenset({thursday}), preferred_windows=frozenset({"afternoon"}))
    slots = r.offers(job, london(MONDAY, 7), limit=3)
    assert slots[0].window == "afternoon"
    assert slots[0].starts_at.astimezone(LONDON).weekday() == thursday
    assert all(s.starts_at.astimezone(LONDON).weekday() == thursday for s in slots)


def test_emergencies_are_dispatched_not_offered():
    near, far = operative(1, home=east_of(1)), operative(2, home=east_of(6))
    r = roster(near, far)
    job = make_job(priority="emergency", latitude=east_of(5)[0], longitude=east_of(5)[1])
    with pytest.raises(InvalidJob):
        r.offers(job, london(MONDAY, 10))
    chosen = choose(r, job, london(MONDAY, 10))
    assert chosen.operative_id == 2 and chosen.day == MONDAY and not chosen.on_call
    assert chosen.insertion.start >= 10 * 60 and chosen.attend_met
    # Friday night, nobody on call: nobody works until Monday, past a 24-hour target.
    assert choose(r, job, london(MONDAY + timedelta(days=4), 22)) is None


def test_bad_jobs_are_refused_field_by_field():
    with pytest.raises(InvalidJob) as raised:
        roster(operative()).offers(
            make_job(reference="", duration_minutes=0, latitude=None, priority="soon"),
            london(MONDAY, 7),
        )
    assert set(raised.value.field_errors) == {"reference", "duration", "location", "priority"}


def test_between_equal_trips_the_wider_window_comes_first():
    slots = roster(operative()).offers(
        make_job(latest=MONDAY + timedelta(days=1)), london(MONDAY, 7)
    )
    assert slots[0].window == "all_day"
    assert slots[0].added_travel_km == slots[1].added_travel_km
