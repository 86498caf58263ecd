"""The on-call rota and emergency dispatch, pure: rest, caps, patches, whereabouts, overtime."""

from __future__ import annotations

from datetime import date, timedelta

from common.calendar import LONDON, bank_holidays
from scheduling.emergency import choose
from scheduling.oncall import CallOut, duty_kind
from scheduling.planner import Stop
from scheduling.port import OnCallDuty
from scheduling.roster import OperativeInfo, Roster
from scheduling.rota import PER_NIGHT, build_rota, out_of_hours, problems
from scheduling.travel import TravelModel
from scheduling.windows import Settings
from tests.scheduling.conftest import CENTRE, east_of, london, make_job

WEEKDAYS = dict.fromkeys(range(5), (8 * 60, 16 * 60))
MONDAY = date(2026, 11, 30)
TUESDAY = MONDAY + timedelta(days=1)
TRAVEL = TravelModel()


def operative(op_id, home=CENTRE, trades=("plumber",), pattern=None, patch="Central"):
    return OperativeInfo(
        op_id, frozenset(trades), *home, pattern or WEEKDAYS, (), patch, f"Op {op_id}"
    )


def roster(*ops, duties=(), **settings) -> Roster:
    r = Roster(Settings(**settings), {op.id: op for op in ops})
    for duty in duties:
        r.oncall.add_duty(duty)
    return r


def monday_night(op_id, duty_id=1, **values) -> OnCallDuty:
    start, end = out_of_hours(MONDAY, frozenset())
    return OnCallDuty(op_id, start, end, frozenset({"plumber"}), id=duty_id, **values)


def emergency(reference="E1", at=CENTRE, minutes=60, **values):
    return make_job(
        reference,
        priority="emergency",
        latitude=at[0],
        longitude=at[1],
        duration_minutes=minutes,
        **values,
    )


def call_out(r, option, key, job):
    r.place_callout(
        CallOut(
            key,
            option.duty_id,
            option.operative_id,
            option.arrival,
            option.finish,
            job.latitude,
            job.longitude,
        )
    )


def test_a_night_call_out_pushes_the_next_morning_and_an_evening_one_does_not():
    r = roster(operative(1), duties=[monday_night(1)])
    r.place(1, TUESDAY, Stop(50, *CENTRE, 8 * 60, 12 * 60, 120, 1.0))
    evening = emergency("E-EVE")
    option = choose(r, evening, london(MONDAY, 18))
    assert option.on_call and option.displaced == ()
    call_out(r, option, 1, evening)
    assert r.route(1, TUESDAY).shift_start == 8 * 60 and r.route(1, TUESDAY).feasible

    night = emergency("E-NIGHT")
    option = choose(r, night, london(TUESDAY, 1))
    # At the door by 01:15, done by 02:15, resting until 13:15: the morning job breaks.
    assert option.on_call and option.displaced == (50,) and option.rested_days == (TUESDAY,)
    call_out(r, option, 2, night)
    assert r.route(1, TUESDAY).shift_start == 13 * 60 + 15
    assert not r.route(1, TUESDAY).feasible
    r.unplace(1, TUESDAY, 2)
    assert r.route(1, TUESDAY).shift_start == 8 * 60 and r.route(1, TUESDAY).feasible


def test_the_rest_rule_is_the_landlords_setting():
    r = roster(operative(1), duties=[monday_night(1)], oncall_rest_hours=4)
    r.place(1, TUESDAY, Stop(50, *CENTRE, 8 * 60, 12 * 60, 120, 1.0))
    night = emergency()
    option = choose(r, night, london(TUESDAY, 1))
    assert option.displaced == ()  # done by 02:15, resting until 06:15: before the shift
    call_out(r, option, 1, night)
    assert r.route(1, TUESDAY).shift_start == 8 * 60


def test_a_duty_takes_no_more_call_outs_than_its_cap():
    near, far = operative(1), operative(2, home=east_of(5))
    r = roster(near, far, duties=[monday_night(1, 1, max_callouts=1), monday_night(2, 2)])
    first = emergency("E-A")
    option = choose(r, first, london(MONDAY, 20))
    assert option.operative_id == near.id
    call_out(r, option, 1, first)
    # Done by 21:15 and free again, but its one call-out is spent: the next goes further.
    assert choose(r, emergency("E-B"), london(MONDAY, 22)).operative_id == far.id


def test_a_second_call_out_follows_the_first_from_where_it_is():
    r = roster(operative(1, home=east_of(6)), duties=[monday_night(1)])
    first = emergency("E-A", at=CENTRE, minutes=120)
    option = choose(r, first, london(MONDAY, 20))
    call_out(r, option, 1, first)
    nearby = east_of(1)
    second = choose(r, emergency("E-B", at=nearby), london(MONDAY, 20, 30))
    # Leaves the first job when it is done, no time to get going, and drives 1.3 km.
    drive = timedelta(minutes=TRAVEL.minutes(TRAVEL.road_km(*CENTRE, *nearby)))
    assert abs(second.arrival - (option.finish + drive)) < timedelta(seconds=1)


def test_on_call_operatives_answer_in_their_own_patches_first():
    north = operative(1, home=east_of(1), patch="North")
    south = operative(2, home=east_of(3), patch="South")
    duties = [
        monday_night(1, 1, patches=frozenset({"North"})),
        monday_night(2, 2, patches=frozenset({"South"})),
    ]
    r = roster(north, south, duties=duties)
    at = london(MONDAY, 21)
    assert choose(r, emergency(patch="South"), at).operative_id == south.id
    assert choose(r, emergency(patch="North"), at).operative_id == north.id
    assert choose(r, emergency(), at).operative_id == north.id  # patch unknown: soonest
    # The south's operative is far out of town: the north's comes instead, in time.
    r = roster(north, operative(2, home=east_of(150), patch="South"), duties=duties)
    backup = choose(r, emergency(patch="South"), at)
    assert backup.operative_id == north.id and backup.attend_met and not backup.in_patch


def test_by_day_the_drive_is_from_the_job_they_are_on():
    r = roster(operative(1))
    r.place(1, MONDAY, Stop(50, *east_of(8), 8 * 60, 12 * 60, 180, 1.0))
    option = choose(r, emergency(at=east_of(9)), london(MONDAY, 9))
    # Under way until about 11:25 eight km out; the emergency is a kilometre further on.
    assert option.insertion.position == 1
    finished = 8 * 60 + TRAVEL.minutes(TRAVEL.road_km(*CENTRE, *east_of(8))) + 180
    drive = TRAVEL.minutes(TRAVEL.road_km(*east_of(8), *east_of(9)))
    assert abs(option.insertion.start - (finished + drive)) < 1e-6


def test_an_emergency_may_keep_a_day_late_but_offers_never_do():
    r = roster(operative(1))
    r.place(1, MONDAY, Stop(50, *CENTRE, 14 * 60 + 30, 16 * 60, 60, 1.0))
    option = choose(r, emergency(minutes=90), london(MONDAY, 14))
    # Coming at once pushes the 14:30 job to 15:30-16:30: half an hour past the shift.
    assert option.day == MONDAY and option.insertion.position == 0
    assert option.insertion.start == 14 * 60
    r.place(1, MONDAY, Stop(51, *CENTRE, 14 * 60, 14 * 60, 90, option.insertion.sequence))
    route = r.route(1, MONDAY)
    assert route.keeps_promises and not route.feasible
    assert route.best_insertions(*CENTRE, 10, [(8 * 60, 16 * 60)]) == [None]
    # Nobody sets off after the shift has ended, however short the job.
    later = choose(r, emergency("E2", minutes=10), london(MONDAY, 16, 30))
    assert later.day == TUESDAY
    strict = roster(operative(1), emergency_overtime_minutes=0)
    strict.place(1, MONDAY, Stop(50, *CENTRE, 14 * 60 + 30, 16 * 60, 60, 1.0))
    assert choose(strict, emergency(minutes=90), london(MONDAY, 14)).day == TUESDAY


def test_a_duty_goes_on_the_rota_only_within_its_rules():
    op = operative(1, trades=("plumber", "carpenter"))
    start, end = out_of_hours(MONDAY, frozenset())
    patches = frozenset({"Central", "North"})

    def check(**values):
        values = {"starts_at": start, "ends_at": end, "trades": frozenset({"plumber"})} | values
        return problems(OnCallDuty(op.id, **values), op, [], frozenset(), patches)

    assert check() == {}
    assert check(trades=frozenset({"plumber", "carpenter"}), patches=frozenset({"North"})) == {}
    assert "starts_at" in check(starts_at=london(MONDAY, 15))  # still on shift
    assert "starts_at" in check(ends_at=london(TUESDAY, 9))  # on shift again by then
    assert "ends_at" in check(ends_at=start + timedelta(hours=25))
    assert "ends_at" in check(ends_at=start)
    assert "trades" in check(trades=frozenset({"gas_engineer"}))
    assert "patches" in check(patches=frozenset({"Atlantis"}))
    assert "max_callouts" in check(max_callouts=0)
    other = OnCallDuty(
        op.id, start - timedelta(hours=1), start + timedelta(hours=1), frozenset({"plumber"})
    )
    assert "starts_at" in problems(
        OnCallDuty(op.id, start, end, frozenset({"plumber"})), op, [other], frozenset(), patches
    )
    away = OperativeInfo(1, op.trades, *CENTRE, WEEKDAYS, ((TUESDAY, TUESDAY),), "Central")
    assert "starts_at" in problems(
        OnCallDuty(1, start, end, frozenset({"plumber"})), away, [], frozenset(), patches
    )
    assert problems(
        OnCallDuty(1, start, end, frozenset({"plumber"})), None, [], frozenset(), patches
    ) == {"operative_id": "no active operative has this id"}


def test_out_of_hours_runs_from_the_end_of_the_day_or_all_day_when_nobody_works():
    christmas = date(2026, 12, 25)
    assert out_of_hours(MONDAY, frozenset()) == (london(MONDAY, 16), london(TUESDAY, 8))
    saturday = MONDAY + timedelta(days=5)
    assert out_of_hours(saturday, frozenset())[0] == london(saturday, 8)
    assert out_of_hours(christmas, bank_holidays())[0] == london(christmas, 8)
    assert duty_kind(london(christmas, 8), bank_holidays()) == "bank_holiday"
    assert duty_kind(london(saturday, 8), bank_holidays()) == "weekend"
    assert duty_kind(london(MONDAY, 16), bank_holidays()) == "weeknight"


def test_the_built_rota_covers_every_night_fairly_and_keeps_its_rules():
    from random import Random

    from repairs.seed.workforce import build_operatives
    from scheduling.roster import parse_pattern

    first = date(2026, 12, 14)
    last = first + timedelta(days=27)  # Christmas and Boxing Day included
    rows, absences = build_operatives(Random("2026:workforce"), first)
    away: dict[int, list] = {}
    for a in absences:
        away.setdefault(a["operative_id"], []).append((a["starts_on"], a["ends_on"]))
    ops = {
        r["id"]: OperativeInfo(
            r["id"],
            frozenset(r["trades"]),
            r["home_latitude"],
            r["home_longitude"],
            parse_pattern(r["working_pattern"]),
            tuple(away.get(r["id"], ())),
            r["patch"],
        )
        for r in rows
    }
    holidays = bank_holidays()
    rota = build_rota(ops, first, last, holidays)
    patches = frozenset(op.patch for op in ops.values())
    nights: dict[date, list[OnCallDuty]] = {}
    for duty in rota:
        nights.setdefault(duty.starts_at.astimezone(LONDON).date(), []).append(duty)
        others = [d for d in rota if d.operative_id == duty.operative_id and d is not duty]
        assert problems(duty, ops[duty.operative_id], others, holidays, patches) == {}
    assert sorted(nights) == [first + timedelta(days=n) for n in range(28)]
    for day, duties in nights.items():
        assert {d.starts_at for d in duties} == {out_of_hours(day, holidays)[0]}
        for trade, count in PER_NIGHT:
            covering = [d for d in duties if trade in d.trades]
            assert len(covering) >= count, (day, trade)
        yesterday = {d.operative_id for d in nights.get(day - timedelta(days=1), [])}
        assert not yesterday & {d.operative_id for d in duties}, "two nights running"
    gas = [d for d in rota if "gas_engineer" in d.trades]
    assert all(d.patches for d in gas)  # four a night, each for a slice of the city
    assert len({frozenset(d.patches) for d in gas}) == 4
    per_person = {op.id: 0 for op in ops.values() if "gas_engineer" in op.trades}
    for duty in gas:
        per_person[duty.operative_id] += 1
    # Shared round everyone: each takes a turn, nobody more than about one night in three.
    assert min(per_person.values()) >= 1 and max(per_person.values()) <= 10


def test_a_short_handed_night_gives_the_whole_city_to_whoever_is_free():
    ops = {1: operative(1, patch="North"), 2: operative(2, trades=("gas_engineer",))}
    rota = build_rota(ops, MONDAY, TUESDAY, frozenset(), (("plumber", 3), ("gas_engineer", 1)))
    plumbers = [d for d in rota if "plumber" in d.trades]
    # One plumber for three slices: the whole city on Monday; never two nights running.
    assert [(d.operative_id, d.patches) for d in plumbers] == [(1, frozenset())]
    assert {d.starts_at for d in rota if d.operative_id == 2} == {london(MONDAY, 16)}
