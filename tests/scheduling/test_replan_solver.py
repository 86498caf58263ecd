"""The pure re-plan: groups of trades, the solver's constraints, balance, and the merge."""

from __future__ import annotations

from datetime import date

import pytest

from scheduling import ReplanConflict
from scheduling.replan import DayProblem, Shift, Visit, evaluate, solve, worth_applying
from scheduling.replan.merge import merge
from scheduling.replan.solver import split
from scheduling.travel import TravelModel
from tests.scheduling.conftest import east_of

DAY = date(2027, 3, 2)
TRAVEL = TravelModel()


def _shift(op, km, trades=("plumber",), start=480, end=960) -> Shift:
    return Shift(op, frozenset(trades), *east_of(km), start, end)


def _visit(key, km, op, trade="plumber", window=(480, 960), minutes=60, fixed=False) -> Visit:
    return Visit(key, trade, *east_of(km), window[0], window[1], minutes, op, float(key), fixed)


def _problem(shifts, visits) -> DayProblem:
    return DayProblem(DAY, TRAVEL, {s.operative_id: s for s in shifts}, {v.key: v for v in visits})


def test_trades_held_together_are_planned_together_and_others_apart():
    problem = _problem(
        [
            _shift(1, 0, ("carpenter", "locksmith")),
            _shift(2, 1, ("locksmith",)),
            _shift(3, 2, ("plumber",)),
        ],
        [
            _visit(10, 0.5, 1, "carpenter"),
            _visit(11, 0.6, 2, "locksmith"),
            _visit(12, 0.7, 3, "plumber"),
            _visit(13, 0.8, 9, "roofer"),  # held by someone off duty; no roofer works today
        ],
    )
    kept, groups = split(problem, problem.current_plan())
    assert kept == {9: [13]}
    shapes = sorted(
        (sorted(s.operative_id for s in shifts), sorted(v.key for v in visits))
        for shifts, visits in groups
    )
    assert shapes == [([1, 2], [10, 11]), ([3], [12])]


def test_jobs_go_only_to_their_trade_and_every_window_is_kept():
    shifts = [_shift(1, -5, ("plumber",)), _shift(2, 5, ("electrician",)), _shift(3, 5)]
    visits = [
        _visit(10, 5.2, 1, window=(480, 720)),
        _visit(11, 5.4, 1, window=(720, 960)),
        _visit(12, -5.2, 2, "electrician", window=(570, 870)),
    ]
    problem = _problem(shifts, visits)
    solved = solve(problem, seconds=0.5)
    assert solved.groups == 2 and solved.groups_unsolved == 0
    assert sorted(solved.plan[3]) == [10, 11] and solved.plan[2] == [12]
    after = evaluate(problem, solved.plan)
    assert after.keeps_every_promise
    assert after.km < evaluate(problem, problem.current_plan()).km


def test_a_day_that_cannot_keep_its_promises_stays_as_booked():
    # Two jobs promised for 08:00-08:30 at opposite ends of town, one operative: no plan
    # keeps both, so the group is not touched.
    problem = _problem(
        [_shift(1, 0)],
        [_visit(10, -8, 1, window=(480, 510)), _visit(11, 8, 1, window=(480, 510))],
    )
    solved = solve(problem, seconds=0.3)
    assert solved.groups_unsolved == 1 and solved.plan == problem.current_plan()
    before = evaluate(problem, problem.current_plan())
    assert worth_applying(before, evaluate(problem, solved.plan), 0.02)[0] is False


def test_balance_shares_the_work_between_neighbours():
    # Two plumbers at the same home, six hour-long jobs nearby booked with one of them:
    # least travel alone would keep one van; balance splits the day between them.
    shifts = [_shift(1, 0), _shift(2, 0)]
    visits = [_visit(10 + n, 0.3 + n * 0.05, 1) for n in range(6)]
    problem = _problem(shifts, visits)
    unbalanced = solve(problem, seconds=0.5, balance_km_per_hour=0.0)
    balanced = solve(problem, seconds=0.5, balance_km_per_hour=2.0)
    assert len([keys for keys in unbalanced.plan.values() if keys]) == 1
    assert len(balanced.plan[1]) == len(balanced.plan[2]) == 3
    finishes = evaluate(problem, balanced.plan).finishes
    assert abs(finishes[1] - finishes[2]) <= 30


def test_worth_applying_needs_the_margin():
    problem = _problem([_shift(1, 0), _shift(2, 4)], [_visit(10, 3.9, 1), _visit(11, 0.1, 2)])
    before = evaluate(problem, problem.current_plan())
    after = evaluate(problem, {1: [11], 2: [10]})
    assert worth_applying(before, after, 0.02)[0] is True
    assert worth_applying(before, after, 0.99) == (
        False,
        f"saves {1 - after.km / before.km:.1%}, less than the 99.0% asked for",
    )
    # Moving a job to an operative of another trade is never worth anything.
    wrong = _problem([_shift(1, 0), _shift(2, 4, ("roofer",))], list(problem.visits.values()))
    assert worth_applying(before, evaluate(wrong, {1: [11], 2: [10]}), 0.0)[0] is False


def test_merge_keeps_new_bookings_and_drops_cancelled_ones():
    problem = _problem([_shift(1, 0), _shift(2, 4)], [_visit(10, 3.9, 1), _visit(11, 0.1, 2)])
    plan = {1: [11], 2: [10]}
    seen = {10: 1, 11: 1}
    fresh = {10: problem.visits[10], 12: _visit(12, 0.2, 1, window=(720, 960))}
    updated, merged = merge(problem, plan, seen, fresh, {10: 1, 12: 5})
    assert merged == {2: [10], 1: [12]}  # 11 was cancelled; 12 stays with its operative
    assert set(updated.visits) == {10, 12}


def test_merge_refuses_a_plan_a_new_booking_no_longer_fits():
    problem = _problem([_shift(1, 0)], [_visit(10, 0.5, 1, window=(480, 480), minutes=470)])
    fresh = {**problem.visits, 12: _visit(12, 0.2, 1, window=(480, 600), minutes=120)}
    with pytest.raises(ReplanConflict):
        merge(problem, {1: [10]}, {10: 1}, fresh, {10: 1, 12: 2})
