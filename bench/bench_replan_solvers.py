"""PyVRP against OR-Tools on the same re-plan: why the core uses PyVRP.

Fills the month benchmark's diary up to an evening (travel-aware offers, emergencies
dispatched), then re-plans the next day's booked jobs with both solvers, group by group,
with the same constraints (windows, trades, shifts, fixed emergencies), the same matrices
(``scheduling.replan.model``), the same time per group and the booked routes as a warm
start. OR-Tools runs guided local search from those routes. Needs the ``bench`` extra:
``.venv/bin/pip install -e '.[bench]'``; then ``.venv/bin/python bench/bench_replan_solvers.py``.
"""

from __future__ import annotations

import os
import random
import time
from datetime import timedelta

import numpy as np
from bench_scheduling_month import START, _arrivals, _choose, _roster
from month_emergencies import Emergencies, dispatch
from month_replan import NightlyReplan

from common.calendar import LONDON
from scheduling.planner import Stop
from scheduling.replan import day_problem, evaluate
from scheduling.replan.model import Component, _matrices, solve_component
from scheduling.replan.solver import split
from scheduling.slots import decode
from scheduling.windows import Settings

DAY_OFFSET = int(os.environ.get("BENCH_DAY", "35"))  # a Monday, five weeks in
SECONDS = float(os.environ.get("BENCH_REPLAN_SECONDS", "30"))


def _evening(offset: int):
    """The diary as it stands the evening before day ``offset``."""
    settings = Settings(horizon_days=28)
    roster, homes = _roster(settings)
    notes = NightlyReplan(roster, START)
    day = START + timedelta(days=offset)
    for key, (at, job, kind, wish, _patch) in enumerate(_arrivals(random.Random(2026), homes), 1):
        if at.astimezone(LONDON).date() >= day:
            break
        notes.note(key, job.trade, job.priority == "emergency")
        if job.priority == "emergency":
            # As the month benchmark dispatches: on shift or on call, whoever arrives soonest.
            dispatch(roster, job, at, key, Emergencies(), False, lambda moved: False)
            continue
        slots = roster.offers(job, at, 10)
        if slots:
            k = decode(_choose(slots, kind, wish)[0].id)
            window = settings.window(k.window)
            sequence = roster.fit(k, at).sequence
            stop = Stop(key, job.latitude, job.longitude, window.start, window.end, k.duration)
            stop.sequence = sequence
            roster.place(k.operative_id, k.day, stop)
    return day_problem(roster, day, notes.trades, notes.emergencies)


def ortools_routes(c: Component):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n, m = len(c.shifts), len(c.visits)
    distance, duration = _matrices(c)
    # Nodes: the visits, then each operative's start, then each one's end (both home).
    where = list(range(n, n + m)) + list(range(n)) + list(range(n))
    d = distance[np.ix_(where, where)].tolist()
    t = duration[np.ix_(where, where)].tolist()
    service = [v.duration * 60 for v in c.visits] + [0] * (2 * n)
    starts, ends = list(range(m, m + n)), list(range(m + n, m + 2 * n))
    manager = pywrapcp.RoutingIndexManager(m + 2 * n, n, starts, ends)
    model = pywrapcp.RoutingModel(manager)
    node = manager.IndexToNode
    model.SetArcCostEvaluatorOfAllVehicles(
        model.RegisterTransitCallback(lambda i, j: d[node(i)][node(j)])
    )
    drive = model.RegisterTransitCallback(lambda i, j: t[node(i)][node(j)] + service[node(i)])
    model.AddDimension(drive, 24 * 3600, 24 * 3600, False, "time")
    clock = model.GetDimensionOrDie("time")
    for k, visit in enumerate(c.visits):
        index = manager.NodeToIndex(k)
        clock.CumulVar(index).SetRange(visit.window_start * 60, visit.window_end * 60)
        allowed = [i for i, s in enumerate(c.shifts) if c.allowed(s, visit)]
        model.VehicleVar(index).SetValues(allowed)
    for i, shift in enumerate(c.shifts):
        clock.CumulVar(model.Start(i)).SetRange(shift.start * 60, shift.start * 60)
        clock.CumulVar(model.End(i)).SetRange(shift.start * 60, shift.end * 60)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(c.seconds * 1000))
    model.CloseModelWithParameters(params)
    index = {v.key: k for k, v in enumerate(c.visits)}
    booked = dict(c.initial)
    warm = model.ReadAssignmentFromRoutes(
        [[index[k] for k in booked.get(s.operative_id, ())] for s in c.shifts], True
    )
    found = model.SolveFromAssignmentWithParameters(warm, params)
    if found is None:
        return None
    routes = {}
    for i, shift in enumerate(c.shifts):
        keys, at = [], found.Value(model.NextVar(model.Start(i)))
        while not model.IsEnd(at):
            keys.append(c.visits[node(at)].key)
            at = found.Value(model.NextVar(at))
        routes[shift.operative_id] = keys
    return routes


def main() -> None:
    problem = _evening(DAY_OFFSET)
    booked = problem.current_plan()
    kept, groups = split(problem, booked)
    total = sum(len(visits) for _, visits in groups)
    plans = {"PyVRP": dict(kept), "OR-Tools": dict(kept)}
    spent = dict.fromkeys(plans, 0.0)
    for shifts, visits in groups:
        keys, ops = {v.key for v in visits}, sorted(s.operative_id for s in shifts)
        component = Component(
            tuple(sorted(shifts, key=lambda s: s.operative_id)),
            tuple(sorted(visits, key=lambda v: v.key)),
            tuple((op, tuple(k for k in booked.get(op, []) if k in keys)) for op in ops),
            problem.travel.road_factor,
            problem.travel.speed_kmh,
            0.5,
            SECONDS * len(visits) / total,
        )
        solvers = (("PyVRP", lambda c: solve_component(c).routes), ("OR-Tools", ortools_routes))
        for name, run in solvers:
            started = time.perf_counter()
            routes = run(component)
            spent[name] += time.perf_counter() - started
            if routes is None:  # no plan: the group stays as booked
                routes = {}
                for visit in visits:
                    routes.setdefault(visit.operative_id, []).append(visit.key)
            for op, route in routes.items():
                plans[name].setdefault(op, []).extend(route)
    before = evaluate(problem, booked)
    print(
        f"{problem.day}: {len(problem.visits)} booked jobs, {len(groups)} groups of trades, "
        f"{before.km:.1f} km as booked; {SECONDS:.0f}s of one core per solver"
    )
    for name, plan in plans.items():
        after = evaluate(problem, plan)
        print(
            f"{name:<9} {after.km:8.1f} km ({1 - after.km / before.km:.1%} less), every promise "
            f"kept: {after.keeps_every_promise}, {spent[name]:.0f}s"
        )


if __name__ == "__main__":
    main()
