"""Judging a plan by the booking's own rules, and deciding whether it is worth applying."""

from __future__ import annotations

from dataclasses import dataclass

from scheduling.planner import DayRoute
from scheduling.replan.problem import DayProblem, Plan


@dataclass(frozen=True)
class Evaluation:
    km: float
    jobs: int
    # Operatives whose route breaks a promise (a window, the shift's end, or a day off).
    broken: frozenset[int]
    # Jobs on an operative not qualified for them (never true of a plan we apply).
    unqualified: frozenset[int]
    # When each working operative's last job ends, minutes after local midnight.
    finishes: dict[int, float]
    plan: dict[int, tuple[int, ...]]

    @property
    def keeps_every_promise(self) -> bool:
        return not self.broken and not self.unqualified

    @property
    def broken_count(self) -> int:
        return len(self.broken)


def routes(problem: DayProblem, plan: Plan) -> dict[int, DayRoute]:
    return {op: problem.route(op, keys) for op, keys in plan.items() if keys}


def evaluate(problem: DayProblem, plan: Plan) -> Evaluation:
    """Kilometres, broken promises and finishing times of ``plan``, route by route."""
    km, broken, unqualified, finishes, jobs = 0.0, set(), set(), {}, 0
    for op, route in routes(problem, plan).items():
        km += route.route_km()
        jobs += len(route.stops)
        if not route.feasible:
            broken.add(op)
        else:
            last = route.stops[-1]
            finishes[op] = route.planned_starts()[-1] + last.duration
        for stop in route.stops:
            # Staying put is always allowed; moving needs a free job and the trade.
            moved = problem.visits[stop.key].operative_id != op
            if moved and not problem.qualified(op, stop.key):
                unqualified.add(stop.key)
    kept = {op: tuple(keys) for op, keys in plan.items() if keys}
    return Evaluation(km, jobs, frozenset(broken), frozenset(unqualified), finishes, kept)


def covers(problem: DayProblem, plan: Plan) -> bool:
    """Every job of the day appears exactly once in the plan."""
    keys = [key for keys in plan.values() for key in keys]
    return len(keys) == len(set(keys)) and set(keys) == set(problem.visits)


def worth_applying(before: Evaluation, after: Evaluation, min_saving: float) -> tuple[bool, str]:
    """Whether ``after`` should replace ``before``, and why (or why not).

    A plan never breaks a promise the day as booked keeps: the only overfull routes it
    may hold are ones it could not touch, exactly as booked (an operative off sick with a
    job nobody else on duty can do). One that mends overfull routes is better whatever it
    drives; otherwise it must drive at least ``min_saving`` (a fraction) less, so a
    night's churn is never spent on a rounding error.
    """
    untouched = {op for op in before.broken if after.plan.get(op) == before.plan.get(op)}
    if after.unqualified or after.broken - untouched:
        return False, "the new plan would break a promise"
    mended = before.broken_count - after.broken_count
    if mended > 0:
        return True, f"mends {mended} overfull route(s)"
    if before.km <= 0:
        return False, "there is no travel to save"
    saving = 1 - after.km / before.km
    if saving + 1e-9 < min_saving:
        return False, f"saves {saving:.1%}, less than the {min_saving:.1%} asked for"
    return True, f"saves {saving:.1%} of the day's travel"
