"""The nightly re-plan inside the month benchmark, and the hindsight line it is judged by.

- Nightly re-plan: at 22:00 (``REPLAN_AT``) the next working day's booked jobs are
  re-planned by ``scheduling.replan`` exactly as the embedded core does it (dispatched
  emergencies stay with their operative, every window held, applied only if it saves the
  margin); the day's emergencies then arrive and are dispatched into the new routes.
- Hindsight: the same solver on each finished day with every job known, emergencies
  included and free to go to any operative of their trade at the time they were attended:
  a bound no nightly plan can reach, since the emergencies arrive during the day.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from common.calendar import LONDON
from scheduling.replan import day_problem, evaluate, solve, worth_applying
from scheduling.replan.problem import DayProblem
from scheduling.replan.settings import ReplanSettings
from scheduling.roster import Roster

SECONDS = float(os.environ.get("BENCH_REPLAN_SECONDS", "20"))
# The production settings (portal/config.py defaults) for the timed run of the busiest night.
SETTINGS = ReplanSettings(
    time_limit_seconds=float(os.environ.get("REPLAN_TIME_LIMIT_SECONDS", "60"))
)


@dataclass
class NightlyReplan:
    roster: Roster
    first_day: date  # re-plan the nights before measured days only
    trades: dict[int, str] = field(default_factory=dict)
    emergencies: set[int] = field(default_factory=set)
    next_run: datetime | None = None
    seconds: list[float] = field(default_factory=list)
    saved: list[float] = field(default_factory=list)
    largest: DayProblem | None = None  # the busiest night's problem, timed again at the end
    # A Monday is re-planned on Friday, Saturday and Sunday nights; the savings and the
    # timed night count each day's first re-plan only.
    planned: set[date] = field(default_factory=set)
    repeats: int = 0

    def note(self, key: int, trade: str, emergency: bool) -> None:
        self.trades[key] = trade
        if emergency:
            self.emergencies.add(key)

    def before(self, at: datetime) -> None:
        """Run every nightly re-plan due before ``at``."""
        local = at.astimezone(LONDON)
        if self.next_run is None:
            self.next_run = _at(local.date(), SETTINGS.at)
        while self.next_run <= at:
            day = self.next_run.astimezone(LONDON).date() + timedelta(days=1)
            while not self.roster.is_open(day):
                day += timedelta(days=1)
            if day >= self.first_day:
                self.run(day)
            self.next_run = _at(self.next_run.astimezone(LONDON).date() + timedelta(days=1))

    def run(self, day: date) -> None:
        problem = day_problem(self.roster, day, self.trades, self.emergencies)
        if not problem.visits:
            return
        first = day not in self.planned
        self.planned.add(day)
        if first and (self.largest is None or len(problem.visits) > len(self.largest.visits)):
            self.largest = problem
        solved = solve(problem, SECONDS, 1, SETTINGS.balance_km_per_hour)
        before = evaluate(problem, problem.current_plan())
        after = evaluate(problem, solved.plan)
        self.seconds.append(solved.seconds)
        applied = worth_applying(before, after, SETTINGS.min_saving)[0]
        if applied:
            apply(self.roster, problem, solved.plan)
        if first:
            self.saved.append(1 - after.km / before.km if applied else 0.0)
        else:
            self.repeats += 1


def _at(day: date, clock=SETTINGS.at) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON)


def apply(roster: Roster, problem: DayProblem, plan: dict[int, list[int]]) -> None:
    """Put the day's routes in the roster as the plan has them."""
    for (_op, route_day), route in roster.routes.items():
        if route_day == problem.day:
            for stop in list(route.stops):
                route.remove(stop.key)
    for op, keys in plan.items():
        for n, key in enumerate(keys, start=1):
            roster.place(op, problem.day, problem.visits[key].stop(float(n)))


def hindsight_problem(roster: Roster, day: date, trades: dict[int, str]) -> DayProblem:
    """The finished day with every job known and free to move, each at its own time."""
    problem = day_problem(roster, day, trades, ())
    problem.visits = {k: replace(v, fixed=False) for k, v in problem.visits.items()}
    return problem


def solve_hindsight(problem: DayProblem) -> tuple[float, float, float, float, int, int]:
    """(km as the day finished, km the solver finds with hindsight, seconds, the solver's
    own km whether counted or not, routes broken as the day finished, routes broken in
    the solver's plan)."""
    started = time.perf_counter()
    solved = solve(problem, SECONDS, 1, SETTINGS.balance_km_per_hour)
    before = evaluate(problem, problem.current_plan())
    after = evaluate(problem, solved.plan)
    # A finished day may hold routes that ran past their shift (emergencies fitted in on
    # shift): the solver's plan counts if it breaks no more routes than the day did.
    fair = not after.unqualified and after.broken_count <= before.broken_count
    best = after.km if fair and after.km < before.km else before.km
    return (
        before.km,
        best,
        time.perf_counter() - started,
        after.km,
        before.broken_count,
        after.broken_count + len(after.unqualified),
    )


def timed_replan(problem: DayProblem) -> tuple[int, float, float]:
    """One night re-planned again with the production settings: (jobs, seconds, saving)."""
    solved = solve(
        problem, SETTINGS.time_limit_seconds, SETTINGS.workers, SETTINGS.balance_km_per_hour
    )
    before = evaluate(problem, problem.current_plan())
    after = evaluate(problem, solved.plan)
    return len(problem.visits), solved.seconds, 1 - after.km / before.km
