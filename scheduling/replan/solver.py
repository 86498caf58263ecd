"""Re-planning a day: split it into independent groups of trades, solve each, reassemble.

Operatives hold one trade, or two that join trades into a group (a carpenter who is also
a locksmith ties carpentry to lock work); no job can cross between groups, so each group
is its own smaller problem, solved in parallel on the machine's cores, each given a share
of the time by its number of jobs. What the solver may not touch stays exactly as booked:
- the whole day of an operative whose fixed jobs alone break a promise (they are frozen);
- jobs held by someone off duty that are fixed, or that nobody on duty could take.
Every other job is required: a group's plan keeps every promise or is not used.
"""

from __future__ import annotations

import pickle  # noqa: S403 (only between this process and its own workers)
import subprocess  # noqa: S404
import sys
import time
from dataclasses import dataclass, replace

from scheduling.replan.model import Component, Outcome, solve_component
from scheduling.replan.problem import DayProblem, Plan, Visit


@dataclass(frozen=True)
class Solved:
    plan: Plan
    seconds: float  # wall-clock time spent solving
    groups: int
    groups_unsolved: int


def _frozen(problem: DayProblem, plan: Plan) -> set[int]:
    """Operatives whose fixed jobs alone already break a promise: their day stays as it is."""
    frozen = set()
    for op, keys in plan.items():
        fixed = [k for k in keys if problem.visits[k].fixed]
        if op in problem.shifts and fixed and not problem.route(op, fixed).feasible:
            frozen.add(op)
    return frozen


class _Trades:
    """Union-find over trades: two trades are one group once an operative holds both."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, trade: str) -> str:
        self.parent.setdefault(trade, trade)
        while self.parent[trade] != trade:
            self.parent[trade] = self.parent[self.parent[trade]]
            trade = self.parent[trade]
        return trade

    def join(self, trades) -> str:
        first, *rest = sorted(trades)
        root = self.find(first)
        for trade in rest:
            self.parent[self.find(trade)] = root
        return self.find(first)


def split(problem: DayProblem, plan: Plan) -> tuple[Plan, list[tuple[list, list[Visit]]]]:
    """What stays as booked, and each group's operatives and jobs."""
    frozen = _frozen(problem, plan)
    shifts = {op: s for op, s in problem.shifts.items() if op not in frozen}
    trades = _Trades()
    for shift in shifts.values():
        trades.join(shift.trades)
    staffed = {t for s in shifts.values() for t in s.trades}
    kept: Plan = {}
    groups: dict[str, list[Visit]] = {}
    for op, keys in plan.items():
        for key in keys:
            visit = problem.visits[key]
            on_duty = op in shifts
            if not on_duty and (op in frozen or visit.fixed or visit.trade not in staffed):
                kept.setdefault(op, []).append(key)
            elif visit.fixed or visit.trade not in staffed:
                # Stays with its operative, who still plans the rest of the day around it.
                fixed = visit if visit.fixed else _fixed(visit)
                groups.setdefault(trades.join(shifts[op].trades), []).append(fixed)
            else:
                groups.setdefault(trades.find(visit.trade), []).append(visit)
    grouped = []
    for root, visits in groups.items():
        members = [s for s in shifts.values() if trades.find(min(s.trades)) == root]
        grouped.append((members, visits))
    return kept, grouped


def _fixed(visit: Visit) -> Visit:
    return replace(visit, fixed=True)


def solve(
    problem: DayProblem,
    seconds: float,
    workers: int = 1,
    balance_km_per_hour: float = 0.5,
    seed: int = 0,
) -> Solved:
    """The best plan the solver finds in about ``seconds`` of wall-clock time.

    A group the solver cannot plan without breaking a promise keeps its routes as booked.
    """
    started = time.perf_counter()
    current = problem.current_plan()
    kept, groups = split(problem, current)
    total = sum(len(visits) for _, visits in groups) or 1
    components = []
    for shifts, visits in sorted(groups, key=lambda g: -len(g[1])):
        ops = {s.operative_id for s in shifts}
        keys = {v.key for v in visits}
        initial = tuple(
            (op, tuple(k for k in current.get(op, []) if k in keys)) for op in sorted(ops)
        )
        share = min(seconds, seconds * max(workers, 1) * len(visits) / total)
        components.append(
            Component(
                tuple(sorted(shifts, key=lambda s: s.operative_id)),
                tuple(sorted(visits, key=lambda v: v.key)),
                initial,
                problem.travel.road_factor,
                problem.travel.speed_kmh,
                balance_km_per_hour,
                max(0.05, share),
                seed,
            )
        )
    outcomes = _run(components, workers)
    plan: Plan = {op: list(keys) for op, keys in kept.items()}
    unsolved = 0
    for component, outcome in zip(components, outcomes, strict=True):
        routes = outcome.routes
        if routes is None:
            # No plan keeps every promise: the group's jobs stay as booked.
            unsolved += 1
            routes = {}
            for visit in sorted(component.visits, key=lambda v: (v.sequence, v.key)):
                routes.setdefault(visit.operative_id, []).append(visit.key)
        for op, keys in routes.items():
            if keys:
                plan.setdefault(op, []).extend(keys)
    return Solved(plan, time.perf_counter() - started, len(components), unsolved)


def _run(components: list[Component], workers: int) -> list[Outcome]:
    if workers <= 1 or len(components) <= 1:
        return [solve_component(c) for c in components]
    # Largest first, each to the least-loaded worker: the groups' shares of the time then
    # fill the workers about evenly.
    bins: list[list[int]] = [[] for _ in range(min(workers, len(components)))]
    load = [0.0] * len(bins)
    for i in sorted(range(len(components)), key=lambda i: -components[i].seconds):
        j = load.index(min(load))
        bins[j].append(i)
        load[j] += components[i].seconds
    # Each worker is a fresh interpreter (never a fork of a process holding database
    # connections or web-server threads), fed its groups on stdin.
    running = [
        (
            indices,
            subprocess.Popen(  # noqa: S603 (our own interpreter and module)
                [sys.executable, "-m", "scheduling.replan.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            ),
        )
        for indices in bins
    ]
    for indices, process in running:
        process.stdin.write(pickle.dumps([components[i] for i in indices]))
        process.stdin.close()
    outcomes: list[Outcome | None] = [None] * len(components)
    for indices, process in running:
        answer = process.stdout.read()
        process.stdout.close()
        if process.wait() != 0:
            raise RuntimeError(f"a re-plan worker failed (exit {process.returncode})")
        for i, outcome in zip(indices, pickle.loads(answer), strict=True):  # noqa: S301
            outcomes[i] = outcome
    return outcomes
