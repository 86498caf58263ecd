"""One operative's day as a route, and where a new job could go into it.

Pure: no database, no clock. A day starts at home at the start of the shift; every job
must start inside its window and finish by the end of the shift (the drive home is the
operative's own time, but its kilometres count). Inserting a job is checked in O(1) per
position with the classic push-forward test: for each stop we keep the earliest time it
can start (forward pass) and the latest it may start without breaking any later promise
(backward pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scheduling.travel import TravelModel


@dataclass
class Stop:
    key: int  # the booking's id
    latitude: float
    longitude: float
    window_start: int  # minutes after local midnight: the earliest the job may start
    window_end: int  # the latest it may start
    duration: int
    sequence: float = 0.0


@dataclass(frozen=True)
class Insertion:
    position: int
    sequence: float
    added_km: float
    start: float  # planned start, minutes after local midnight
    reach_km: float  # from the previous stop (or home) to the job


@dataclass
class DayRoute:
    operative_id: int
    shift_start: int
    shift_end: int
    home_latitude: float
    home_longitude: float
    travel: TravelModel
    stops: list[Stop] = field(default_factory=list)
    # Minutes the day may run past the shift's end, for emergencies only: offers and
    # bookings always keep to the shift; an emergency fitted in may push the day later.
    overtime: int = 0

    def __post_init__(self) -> None:
        self.stops.sort(key=lambda s: s.sequence)
        self._plan: tuple | None = None
        self._late: tuple | None = None

    # -- changes ---------------------------------------------------------------------------
    def add(self, stop: Stop) -> None:
        self.stops = [s for s in self.stops if s.key != stop.key]
        self.stops.append(stop)
        self.stops.sort(key=lambda s: s.sequence)
        self._plan = self._late = None

    def remove(self, key: int) -> None:
        self.stops = [s for s in self.stops if s.key != key]
        self._plan = self._late = None

    def restart(self, shift_start: int) -> None:
        """Move the start of the day's work (the rest after a night call-out pushes it)."""
        self.shift_start = shift_start
        self._plan = self._late = None

    # -- the plan --------------------------------------------------------------------------
    def _compute(self, end: int) -> tuple:
        km = self.travel.road_km
        mins = self.travel.minutes
        stops = self.stops
        points = [(self.home_latitude, self.home_longitude)]
        points += [(s.latitude, s.longitude) for s in stops]
        points.append(points[0])
        # legs[i]: from the point before stop i (home for i=0) to stop i; legs[n]: home.
        legs = [km(*points[i], *points[i + 1]) for i in range(len(stops) + 1)]
        earliest, t = [], float(self.shift_start)
        for i, stop in enumerate(stops):
            start = max(t + mins(legs[i]), stop.window_start)
            earliest.append(start)
            t = start + stop.duration
        latest = [0.0] * len(stops)
        bound = float(end)
        for i in range(len(stops) - 1, -1, -1):
            stop = stops[i]
            latest[i] = min(stop.window_end, bound - stop.duration)
            bound = latest[i] - mins(legs[i])
        feasible = all(e <= lt + 1e-9 for e, lt in zip(earliest, latest, strict=True))
        return legs, earliest, latest, feasible

    def plan(self) -> tuple:
        """(legs, earliest starts, latest starts, feasible) within the shift."""
        if self._plan is None:
            self._plan = self._compute(self.shift_end)
        return self._plan

    def late_plan(self) -> tuple:
        """The same, letting the day run into its overtime (what emergencies may use)."""
        if not self.overtime:
            return self.plan()
        if self._late is None:
            self._late = self._compute(self.shift_end + self.overtime)
        return self._late

    @property
    def feasible(self) -> bool:
        """Every promise kept within the shift: the day is open for more work."""
        return self.plan()[3]

    @property
    def keeps_promises(self) -> bool:
        """Every promise kept, the overtime an emergency took included."""
        return self.late_plan()[3]

    def route_km(self) -> float:
        return sum(self.plan()[0])

    def planned_starts(self) -> list[float]:
        return list(self.plan()[1])

    def free_minutes(self) -> float:
        """Shift time not spent working or driving between jobs (0 for an overfull day)."""
        if not self.feasible:
            return 0.0
        legs = self.plan()[0]
        busy = sum(s.duration for s in self.stops) + self.travel.minutes(sum(legs[:-1]))
        return max(0.0, self.shift_end - self.shift_start - busy)

    # -- insertion -------------------------------------------------------------------------
    def best_insertions(
        self,
        latitude: float,
        longitude: float,
        duration: int,
        windows: list[tuple[int, int]],
    ) -> list[Insertion | None]:
        """For each (earliest, latest) start window, the insertion adding least travel."""
        legs, earliest, latest, feasible = self.plan()
        results: list[Insertion | None] = [None] * len(windows)
        if not feasible:
            return results
        km, mins = self.travel.road_km, self.travel.minutes
        stops, n = self.stops, len(self.stops)
        home = (self.home_latitude, self.home_longitude)
        # Distance from the job to home (index 0) and to each stop (index i + 1).
        to_job = [km(*home, latitude, longitude)]
        to_job += [km(s.latitude, s.longitude, latitude, longitude) for s in stops]
        for pos in range(n + 1):
            if pos == 0:
                prev_done = self.shift_start
            else:
                prev_done = earliest[pos - 1] + stops[pos - 1].duration
            reach = to_job[pos]
            arrival = prev_done + mins(reach)
            onward = to_job[pos + 1] if pos < n else to_job[0]
            added = reach + onward - legs[pos]
            for w, (w_start, w_end) in enumerate(windows):
                start = max(arrival, w_start)
                if start > min(w_end, self.shift_end - duration) + 1e-9:
                    continue
                if pos < n:
                    nxt = stops[pos]
                    if max(start + duration + mins(onward), nxt.window_start) > latest[pos] + 1e-9:
                        continue
                best = results[w]
                if best is None or added < best.added_km - 1e-9:
                    results[w] = Insertion(pos, self._sequence(pos), added, start, reach)
        return results

    def sequence_at(self, pos: int) -> float:
        """The route order a job inserted at ``pos`` takes: between its neighbours."""
        return self._sequence(pos)

    def _sequence(self, pos: int) -> float:
        stops = self.stops
        if not stops:
            return 1.0
        if pos == 0:
            return stops[0].sequence - 1.0
        if pos == len(stops):
            return stops[-1].sequence + 1.0
        return (stops[pos - 1].sequence + stops[pos].sequence) / 2
