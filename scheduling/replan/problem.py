"""One day's work as a re-planning problem: who is working, which jobs, which may move.

Pure: built from a Roster (the embedded core's, or the month benchmark's), so the re-plan
sees exactly the shifts, windows and travel model that offers and bookings use. A plan is
each operative's jobs in route order; ``route`` turns one into the core's own ``DayRoute``,
so every plan is judged by the same feasibility rules as a booking.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from scheduling.planner import DayRoute, Stop
from scheduling.roster import Roster
from scheduling.travel import TravelModel

# Each operative's jobs (booking keys) in the order they are driven.
Plan = dict[int, list[int]]


@dataclass(frozen=True)
class Shift:
    """An operative who works the day: where they start, what they do, when."""

    operative_id: int
    trades: frozenset[str]
    latitude: float
    longitude: float
    start: int  # minutes after local midnight
    end: int


@dataclass(frozen=True)
class Visit:
    """A job in the day. ``fixed`` jobs stay with ``operative_id``: started, dispatched, pinned."""

    key: int
    trade: str
    latitude: float
    longitude: float
    window_start: int
    window_end: int
    duration: int
    operative_id: int
    sequence: float
    fixed: bool = False

    def stop(self, sequence: float) -> Stop:
        return Stop(
            self.key,
            self.latitude,
            self.longitude,
            self.window_start,
            self.window_end,
            self.duration,
            sequence,
        )


@dataclass
class DayProblem:
    day: date
    travel: TravelModel
    shifts: dict[int, Shift]
    visits: dict[int, Visit]
    # Operatives holding jobs who do not work the day (an absence recorded after booking).
    homes: dict[int, tuple[float, float]] = field(default_factory=dict)

    def current_plan(self) -> Plan:
        """The day as booked: each operative's jobs in their current route order."""
        plan: Plan = {}
        for visit in sorted(self.visits.values(), key=lambda v: (v.sequence, v.key)):
            plan.setdefault(visit.operative_id, []).append(visit.key)
        return plan

    def route(self, operative_id: int, keys: list[int]) -> DayRoute:
        """The core's own route for these jobs in this order (a shift of 0-0 if off duty)."""
        shift = self.shifts.get(operative_id)
        if shift is None:
            lat, lon = self.homes.get(operative_id) or self._first(keys)
            start = end = 0
        else:
            lat, lon, start, end = shift.latitude, shift.longitude, shift.start, shift.end
        stops = [self.visits[key].stop(float(n)) for n, key in enumerate(keys, start=1)]
        return DayRoute(operative_id, start, end, lat, lon, self.travel, stops)

    def _first(self, keys: list[int]) -> tuple[float, float]:
        visit = self.visits[keys[0]]
        return visit.latitude, visit.longitude

    def qualified(self, operative_id: int, key: int) -> bool:
        """Whether the operative may do the job: their own fixed job, or one of their trades."""
        visit, shift = self.visits[key], self.shifts.get(operative_id)
        if visit.fixed:
            return visit.operative_id == operative_id and shift is not None
        return shift is not None and visit.trade in shift.trades


def shift_of(roster: Roster, operative_id: int, day: date) -> tuple[int, int] | None:
    """The one place the re-plan reads a shift: the roster's own availability for the day.

    The roster decides who works when (pattern, absences, and any rule that shortens a
    day); the re-plan asks it here and nowhere else.
    """
    op = roster.operatives.get(operative_id)
    if op is None or not op.works(day):
        return None
    route = roster.route(operative_id, day)
    if route is None or route.shift_end <= route.shift_start:
        return None
    return route.shift_start, route.shift_end


def day_problem(
    roster: Roster,
    day: date,
    trades: Mapping[int, str],
    fixed: Collection[int] = (),
) -> DayProblem:
    """The day as the roster holds it; ``trades`` names each booking's trade by its key."""
    shifts: dict[int, Shift] = {}
    for op in roster.operatives.values():
        hours = shift_of(roster, op.id, day)
        if hours is not None:
            shifts[op.id] = Shift(op.id, op.trades, op.home_latitude, op.home_longitude, *hours)
    visits: dict[int, Visit] = {}
    homes: dict[int, tuple[float, float]] = {}
    for (operative_id, route_day), route in roster.routes.items():
        if route_day != day:
            continue
        if route.stops and operative_id not in shifts:
            homes[operative_id] = (route.home_latitude, route.home_longitude)
        for stop in route.stops:
            # A dispatched emergency is stored to the minute, rounded either way: give its
            # instant the whole minute, or rounding alone would make its route overfull.
            exact = stop.window_end <= stop.window_start
            visits[stop.key] = Visit(
                stop.key,
                trades[stop.key],
                stop.latitude,
                stop.longitude,
                stop.window_start,
                stop.window_start + 1 if exact else stop.window_end,
                stop.duration,
                operative_id,
                stop.sequence,
                stop.key in fixed,
            )
    return DayProblem(day, roster.travel, shifts, visits, homes)
