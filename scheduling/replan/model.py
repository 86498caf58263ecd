"""One group of trades as a PyVRP problem, solved in whatever process runs it.

Everything the solver is told comes from the core's own rules:
- travel is ``TravelModel``'s (straight line x road factor, at city speed), in metres and
  whole seconds rounded up, so a route PyVRP finds feasible is feasible to ``DayRoute``;
- an operative leaves home at the start of the shift, every job starts inside its window,
  and the last job ends by the end of the shift (the drive home counts in kilometres but
  not in the shift, as for a booking), so each job's way home takes no time;
- a job may only go to an operative of its trade, and a fixed job (started, dispatched,
  pinned) only to its own: each operative's routing profile makes every other job a
  distance and a drive no route can afford.
Least travel first; then balance: each minute a day runs past the group's average load
costs a little (``balance_km_per_hour``), so among routes of about the same length the
solver prefers days that end about the same time.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass

import numpy as np

from scheduling.replan.problem import Shift, Visit
from scheduling.travel import KM_PER_DEGREE

FORBIDDEN = 10_000_000  # metres or seconds: more than any real day, far below overflow
METRE_COST = 36  # cost per metre; an hour of imbalance then costs whole units
SAFETY_SECONDS = 1  # added to each drive, against rounding in the last decimal place


@dataclass(frozen=True)
class Component:
    """Trades joined by operatives who hold several: planned together, apart from others."""

    shifts: tuple[Shift, ...]
    visits: tuple[Visit, ...]
    initial: tuple[tuple[int, tuple[int, ...]], ...]  # operative -> keys, as booked
    road_factor: float
    speed_kmh: float
    balance_km_per_hour: float
    seconds: float
    seed: int = 0

    def allowed(self, shift: Shift, visit: Visit) -> bool:
        if visit.fixed:
            return visit.operative_id == shift.operative_id
        return visit.trade in shift.trades


@dataclass(frozen=True)
class Outcome:
    routes: dict[int, list[int]] | None  # None: no plan keeping every promise was found
    seconds: float
    metres: int


def _matrices(component: Component) -> tuple[np.ndarray, np.ndarray]:
    points = [(s.latitude, s.longitude) for s in component.shifts]
    points += [(v.latitude, v.longitude) for v in component.visits]
    lat, lon = (np.radians(np.array(axis)) for axis in zip(*points, strict=True))
    # TravelModel.road_km, for every pair at once (the equirectangular approximation).
    mid = (lat[:, None] + lat[None, :]) / 2
    x = (lon[None, :] - lon[:, None]) * np.cos(mid)
    y = lat[None, :] - lat[:, None]
    km = np.degrees(np.sqrt(x * x + y * y)) * KM_PER_DEGREE * component.road_factor
    distance = np.rint(km * 1000).astype(np.int64)
    duration = np.ceil(km * 3600 / component.speed_kmh).astype(np.int64) + SAFETY_SECONDS
    np.fill_diagonal(duration, 0)
    # The drive home is the operative's own time: no job waits on it.
    duration[:, : len(component.shifts)] = 0
    return distance, duration


def _target_seconds(component: Component) -> list[int]:
    """Each operative's share of the group's work, as a length of day."""
    work = sum(v.duration for v in component.visits) * 1.25  # travel, roughly a quarter
    capacity = sum(s.end - s.start for s in component.shifts)
    load = min(1.0, work / capacity) if capacity else 1.0
    return [math.ceil((s.end - s.start) * load) * 60 for s in component.shifts]


def build(component: Component):
    """PyVRP's problem data for the component, and the booked routes as a warm start."""
    from pyvrp import Client, Depot, Location, ProblemData, Route, Solution, VehicleType

    shifts, visits = component.shifts, component.visits
    n = len(shifts)
    distance, duration = _matrices(component)
    distances, durations, profiles, signature_of = [distance], [duration], [], {}
    for shift in shifts:
        banned = [n + j for j, v in enumerate(visits) if not component.allowed(shift, v)]
        signature = tuple(banned)
        if signature not in signature_of:
            d, t = distance.copy(), duration.copy()
            for index in banned:
                d[index, :] = d[:, index] = FORBIDDEN
                t[index, :] = t[:, index] = FORBIDDEN
            np.fill_diagonal(d, 0)
            np.fill_diagonal(t, 0)
            signature_of[signature] = len(distances)
            distances.append(d)
            durations.append(t)
        profiles.append(signature_of[signature])
    overtime_cost = round(component.balance_km_per_hour * 1000 * METRE_COST / 3600)
    vehicle_types = []
    for i, (shift, target) in enumerate(zip(shifts, _target_seconds(component), strict=True)):
        length = (shift.end - shift.start) * 60
        vehicle_types.append(
            VehicleType(
                1,
                start_depot=i,
                end_depot=i,
                tw_early=shift.start * 60,
                start_late=shift.start * 60,
                tw_late=shift.end * 60,
                shift_duration=target,
                max_overtime=max(0, length - target),
                unit_distance_cost=METRE_COST,
                unit_overtime_cost=overtime_cost,
                profile=profiles[i],
                name=str(shift.operative_id),
            )
        )
    locations = [Location(s.longitude, s.latitude) for s in shifts]
    locations += [Location(v.longitude, v.latitude) for v in visits]
    clients = [
        Client(
            n + j,
            service_duration=v.duration * 60,
            tw_early=v.window_start * 60,
            tw_late=v.window_end * 60,
            name=str(v.key),
        )
        for j, v in enumerate(visits)
    ]
    data = ProblemData(
        locations, clients, [Depot(i) for i in range(n)], vehicle_types, distances, durations
    )
    index = {v.key: j for j, v in enumerate(visits)}
    vehicle = {s.operative_id: i for i, s in enumerate(shifts)}
    routes = [
        Route(data, [index[k] for k in keys], vehicle[op])
        for op, keys in component.initial
        if op in vehicle and keys and all(k in index for k in keys)
    ]
    try:
        initial = Solution(data, routes) if routes else None
    except (ValueError, RuntimeError):
        initial = None
    return data, initial


def solve_component(component: Component) -> Outcome:
    """Run PyVRP on the component for its share of the time; the best plan keeping every
    promise, or None if none was found (the day then stays as booked)."""
    import pyvrp
    from pyvrp.exceptions import PenaltyBoundWarning
    from pyvrp.stop import MaxRuntime

    started = time.perf_counter()
    data, initial = build(component)
    with warnings.catch_warnings():
        # Said when a group has no plan keeping every promise: the answer below says so.
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = pyvrp.solve(
            data,
            MaxRuntime(component.seconds),
            seed=component.seed,
            collect_stats=False,
            display=False,
            initial_solution=initial,
        )
    elapsed = time.perf_counter() - started
    best = result.best
    if not best.is_feasible() or not best.is_complete():
        return Outcome(None, elapsed, 0)
    routes: dict[int, list[int]] = {}
    for route in best.routes():
        op = component.shifts[route.vehicle_type()].operative_id
        routes[op] = [component.visits[a.idx].key for a in route if a.is_client()]
    return Outcome(routes, elapsed, int(best.distance()))
