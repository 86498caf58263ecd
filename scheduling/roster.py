"""Every operative's days over the horizon, and the offers and dispatches drawn from them.

Pure and in memory: the embedded core fills a Roster from the database and keeps it up to
date; the month benchmark drives one directly. Offers are one best place per day and
window (the tenant chooses a time, not a person), ranked by the travel they add.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from math import ceil, floor

from common.calendar import LONDON, bank_holidays
from common.deadlines import Targets, target_day
from scheduling.oncall import CallOut, OnCall
from scheduling.planner import DayRoute, Insertion, Stop
from scheduling.port import InvalidJob, Job, Slot
from scheduling.ranking import operative_cost, preference_misses, slot_score
from scheduling.slots import SlotKey
from scheduling.travel import TravelModel
from scheduling.windows import Settings


@dataclass(frozen=True)
class OperativeInfo:
    id: int
    trades: frozenset[str]
    home_latitude: float
    home_longitude: float
    # weekday (0=Monday) -> (shift start, shift end) in minutes after local midnight
    pattern: dict[int, tuple[int, int]]
    absences: tuple[tuple[date, date], ...] = ()
    patch: str = ""
    name: str = ""

    def works(self, day: date) -> bool:
        return day.weekday() in self.pattern and not any(a <= day <= b for a, b in self.absences)


def parse_pattern(raw: dict[str, list[str]]) -> dict[int, tuple[int, int]]:
    pattern = {}
    for weekday, (start, end) in (raw or {}).items():
        h1, m1 = map(int, start.split(":"))
        h2, m2 = map(int, end.split(":"))
        pattern[int(weekday)] = (h1 * 60 + m1, h2 * 60 + m2)
    return pattern


def local_moment(day: date, minutes: float) -> datetime:
    """``minutes`` of wall-clock time after local midnight on ``day``, as an aware UTC time.

    Exact, never rounded: a time stored a fraction of a minute early can make the day it
    belongs to infeasible when it is read back (see ``pinned_window``).
    """
    midnight = datetime.combine(day, time(0), tzinfo=LONDON)
    return (midnight + timedelta(minutes=minutes)).astimezone(UTC)


def pinned_window(start: float) -> tuple[int, int]:
    """The whole minutes either side of a planned start, as the window a pinned job keeps.

    Windows are stored to the minute. A start rounded to the nearest minute lands up to
    half a minute before the planned one, and when the day is read back the job can no
    longer start inside its window: the whole operative-day then reads as infeasible and
    is never offered again. Floor and ceiling always contain the start as planned.
    """
    return floor(start), ceil(start)


@dataclass(frozen=True)
class Candidate:
    operative_id: int
    day: date
    window: str
    insertion: Insertion
    cost: float = 0.0  # added travel and the operative's weights (scheduling.ranking)


@dataclass
class Roster:
    settings: Settings
    operatives: dict[int, OperativeInfo]
    routes: dict[tuple[int, date], DayRoute] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.travel = TravelModel(self.settings.road_factor, self.settings.speed_kmh)
        self.by_trade: dict[str, list[OperativeInfo]] = {}
        for op in sorted(self.operatives.values(), key=lambda o: o.id):
            for trade in op.trades:
                self.by_trade.setdefault(trade, []).append(op)
        self._holidays = bank_holidays()
        self.oncall = OnCall(self.settings)

    # -- days ------------------------------------------------------------------------------
    def is_open(self, day: date) -> bool:
        """A day the landlord plans work on at all (weekends and bank holidays by setting)."""
        if day.weekday() >= 5 and not self.settings.work_weekends:
            return False
        return self.settings.work_bank_holidays or day not in self._holidays

    def route(self, operative_id: int, day: date) -> DayRoute | None:
        """The operative's route for a day they work, created empty on first use."""
        found = self.routes.get((operative_id, day))
        if found is not None:
            return found
        op = self.operatives.get(operative_id)
        if op is None or not op.works(day):
            return None
        start, end = self._shift(op, day)
        route = DayRoute(
            op.id,
            start,
            end,
            op.home_latitude,
            op.home_longitude,
            self.travel,
            overtime=self.settings.emergency_overtime_minutes,
        )
        self.routes[(operative_id, day)] = route
        return route

    def _shift(self, op: OperativeInfo, day: date) -> tuple[int, int]:
        """The day's shift, its start pushed by the rest owed after a night call-out."""
        start, end = op.pattern[day.weekday()]
        rested = self.oncall.rest_start(op.id, day, (start, end))
        return (start if rested is None else max(start, min(rested, end))), end

    def works_on(self, op: OperativeInfo, day: date) -> bool:
        """Whether the operative works that day: their pattern, absences and bank holidays."""
        return op.works(day) and (self.settings.work_bank_holidays or day not in self._holidays)

    def place(self, operative_id: int, day: date, stop: Stop) -> None:
        """Put a booked job in its day, even a day the operative no longer works."""
        route = self.route(operative_id, day)
        if route is None:
            # Booked before an absence was recorded: the day holds the job but no capacity.
            op = self.operatives.get(operative_id)
            home = (op.home_latitude, op.home_longitude) if op else (stop.latitude, stop.longitude)
            route = DayRoute(operative_id, 0, 0, *home, self.travel)
            self.routes[(operative_id, day)] = route
        route.add(stop)

    def unplace(self, operative_id: int, day: date, key: int) -> None:
        callout = self.oncall.remove(key)
        if callout is not None:
            self._rest_changed(callout)
            return
        route = self.routes.get((operative_id, day))
        if route is not None:
            route.remove(key)

    def place_callout(self, callout: CallOut) -> None:
        """Record a call-out on its duty; the operative's next shift starts after the rest."""
        self.oncall.place(callout)
        self._rest_changed(callout)

    def _rest_changed(self, callout: CallOut) -> None:
        op = self.operatives.get(callout.operative_id)
        if op is None:
            return
        for day in self.oncall.rested_days(callout):
            route = self.routes.get((op.id, day))
            if route is not None and op.works(day):
                start = self._shift(op, day)[0]
                if start != route.shift_start:
                    route.restart(start)

    # -- offers ----------------------------------------------------------------------------
    def date_range(self, job: Job, now: datetime) -> tuple[date, date]:
        today = now.astimezone(LONDON).date()
        s = self.settings
        targets = Targets(
            urgent_working_days=s.urgent_working_days, routine_working_days=s.routine_working_days
        )
        priority = "urgent" if job.priority == "urgent" else "routine"
        last = min(target_day(priority, now, targets), today + timedelta(days=s.horizon_days))
        first = max(today, job.earliest or today)
        if job.latest:
            last = min(last, job.latest)
        # A latest day before the earliest is an empty range, like an earliest day past the
        # target: no slots, not an error (the API cannot declare the order of two fields).
        return first, last

    def candidates(
        self, job: Job, now: datetime, only: frozenset[int] | None = None
    ) -> Iterable[Candidate]:
        """The best operative for each day and window the job could be offered."""
        validate(job)
        if job.priority == "emergency":
            raise InvalidJob("emergency jobs are dispatched, not offered slots")
        first, last = self.date_range(job, now)
        operatives = self.by_trade.get(job.trade, [])
        if only is not None:
            operatives = [op for op in operatives if op.id in only]
        earliest_start = now + timedelta(hours=self.settings.min_lead_hours)
        home_km = {
            op.id: self.travel.road_km(
                op.home_latitude, op.home_longitude, job.latitude, job.longitude
            )
            for op in operatives
        }
        day = first
        while day <= last:
            if self.is_open(day):
                windows = [
                    w for w in self.settings.windows if local_moment(day, w.start) >= earliest_start
                ]
                if windows:
                    yield from self._day_candidates(job, day, windows, operatives, home_km)
            day += timedelta(days=1)

    def _day_candidates(self, job, day, windows, operatives, home_km) -> Iterable[Candidate]:
        """For each window, the operative whose day takes the job at least cost (ranking.py)."""
        spans = [(w.start, w.end) for w in windows]
        best: list[tuple[float, Insertion, int] | None] = [None] * len(windows)
        for op in operatives:
            route = self.route(op.id, day)
            if route is None:
                continue
            found = route.best_insertions(job.latitude, job.longitude, job.duration_minutes, spans)
            # Everything but the added travel is the same for each window of this day.
            extra = operative_cost(
                self.settings, 0.0, home_km[op.id], not route.stops, len(op.trades) - 1
            )
            for i, insertion in enumerate(found):
                if insertion is None:
                    continue
                cost = insertion.added_km + extra
                if best[i] is None or cost < best[i][0] - 1e-9:
                    best[i] = (cost, insertion, op.id)
        for window, chosen in zip(windows, best, strict=True):
            if chosen is not None:
                yield Candidate(chosen[2], day, window.name, chosen[1], chosen[0])

    def offers(
        self,
        job: Job,
        now: datetime,
        limit: int = 10,
        ranking: str = "travel",
        only: frozenset[int] | None = None,
    ) -> list[Slot]:
        """Up to ``limit`` slots: preferred days and windows first, then least added travel.

        ``ranking="earliest"`` orders by time instead: the first-available baseline the
        month benchmark compares against. ``only`` limits the offer to some operatives.
        """
        today = now.astimezone(LONDON).date()
        s = self.settings
        scored = []
        for c in self.candidates(job, now, only):
            if ranking == "earliest":
                misses = preference_misses(job, c.day, c.window)
                order = (misses, c.day, s.window(c.window).start, c.cost)
                score = misses * s.preference_penalty_km + (c.day - today).days
            else:
                score = slot_score(s, job, c.cost, c.day, c.window, today)
                order = (score, c.day, s.window(c.window).start)
            scored.append((order, score, c))
        scored.sort(key=lambda item: item[0])
        return [self.slot(job, c, score) for _, score, c in scored[:limit]]

    def slot(self, job: Job, c: Candidate, score: float) -> Slot:
        window = self.settings.window(c.window)
        key = SlotKey(
            c.operative_id,
            c.day,
            c.window,
            job.trade,
            job.duration_minutes,
            job.latitude,
            job.longitude,
        )
        return Slot(
            id=key.encode(),
            window=c.window,
            starts_at=local_moment(c.day, window.start),
            ends_at=local_moment(c.day, window.end),
            operative_id=c.operative_id,
            added_travel_km=round(c.insertion.added_km, 3),
            score=round(score, 3),
        )

    # -- fitting one place -----------------------------------------------------------------
    def fit(self, key: SlotKey, now: datetime) -> Insertion | None:
        """Whether the job in ``key`` still fits its operative's day in its window."""
        op = self.operatives.get(key.operative_id)
        if op is None or key.trade not in op.trades or not self.is_open(key.day):
            return None
        try:
            window = self.settings.window(key.window)
        except KeyError:
            return None
        if local_moment(key.day, window.start) < now:
            return None
        route = self.route(key.operative_id, key.day)
        if route is None:
            return None
        return route.best_insertions(
            key.latitude, key.longitude, key.duration, [(window.start, window.end)]
        )[0]


def validate(job: Job) -> None:
    """Refuse a job that cannot be planned, naming each bad field."""
    errors = {}
    if not job.reference or len(job.reference) > 40:
        errors["reference"] = "give a job reference of 1 to 40 characters"
    if not job.trade:
        errors["trade"] = "give the trade the job needs"
    if not isinstance(job.duration_minutes, int) or not 1 <= job.duration_minutes <= 24 * 60:
        errors["duration"] = "give a duration from 1 to 1440 minutes"
    if job.latitude is None or job.longitude is None:
        errors["location"] = "give a latitude and longitude, or a UPRN we know"
    elif not (-90 <= job.latitude <= 90 and -180 <= job.longitude <= 180):
        errors["location"] = "latitude must be -90 to 90 and longitude -180 to 180"
    if job.priority not in ("emergency", "urgent", "routine"):
        errors["priority"] = "priority must be emergency, urgent or routine"
    if errors:
        raise InvalidJob("the job cannot be planned as given", errors)
