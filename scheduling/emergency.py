"""Choosing who attends an emergency: the soonest arrival, on shift or on call.

Pure. Every qualified operative is considered where they will be: on shift, after the
job they are on (or from home before the day starts), fitted into their day without
breaking a promised window; on call, from home (after getting going) or straight from
their last call-out, within their duty and its cap. An option must make the home safe
within the make-safe target. Among those:

1. options that arrive within the attend target come first;
2. then on-call operatives answering in their own patches (a duty covering other patches
   is a backup, used only when nobody in the patch can attend in time);
3. then call-outs whose rest leaves tomorrow's booked jobs where they are;
4. then the soonest arrival, and the shorter drive.

When nobody can attend in time, the soonest arrival wins outright.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from common.calendar import LONDON
from scheduling.oncall import CallOut, dropped_stops, minutes_of
from scheduling.planner import DayRoute, Insertion, Stop
from scheduling.port import Job, OnCallDuty
from scheduling.roster import Roster, local_moment, validate
from scheduling.windows import Settings


@dataclass(frozen=True)
class DispatchOption:
    operative_id: int
    day: date  # the London day of the arrival
    arrival: datetime
    finish: datetime
    attend_met: bool
    reach_km: float
    insertion: Insertion | None = None  # where it goes in a day route (on shift)
    duty_id: int | None = None  # the duty it is a call-out on (on call)
    in_patch: bool = True
    displaced: tuple[int, ...] = ()  # booked jobs the rest after a call-out breaks
    rested_days: tuple[date, ...] = ()

    @property
    def on_call(self) -> bool:
        return self.duty_id is not None

    def rank(self) -> tuple:
        if not self.attend_met:
            return (1, self.arrival, len(self.displaced), self.reach_km)
        return (0, not self.in_patch, len(self.displaced), self.arrival, self.reach_km)


@dataclass(frozen=True)
class Targets:
    attend_by: datetime
    make_safe_by: datetime


def targets(settings: Settings, now: datetime) -> Targets:
    """The attend and make-safe deadlines for an emergency dispatched at ``now``."""
    return Targets(
        now + timedelta(hours=settings.attend_hours),
        now + timedelta(hours=settings.make_safe_hours),
    )


def choose(
    roster: Roster, job: Job, now: datetime, only: frozenset[int] | None = None
) -> DispatchOption | None:
    """The option that attends the emergency best, or None if none makes it safe in time."""
    validate(job)
    due = targets(roster.settings, now)
    options = [*on_shift(roster, job, now, due, only), *on_call(roster, job, now, due, only)]
    return min(options, key=DispatchOption.rank, default=None)


# -- on shift ------------------------------------------------------------------------------
def on_shift(roster, job, now, due, only) -> Iterable[DispatchOption]:
    """For each operative and day up to the make-safe target, their soonest arrival."""
    first = now.astimezone(LONDON).date()
    last = due.make_safe_by.astimezone(LONDON).date()
    for op in roster.by_trade.get(job.trade, ()):
        if only is not None and op.id not in only:
            continue
        day = first
        while day <= last:
            if roster.works_on(op, day):
                route = roster.route(op.id, day)
                found = soonest_in_route(
                    route,
                    job,
                    max(0.0, minutes_of(day, now)),
                    minutes_of(day, due.make_safe_by),
                )
                if found is not None:
                    arrival = local_moment(day, found.start)
                    yield DispatchOption(
                        op.id,
                        day,
                        arrival,
                        arrival + timedelta(minutes=job.duration_minutes),
                        arrival <= due.attend_by,
                        found.reach_km,
                        insertion=found,
                    )
                    break  # a later day of the same operative only arrives later
            day += timedelta(days=1)


def soonest_in_route(
    route: DayRoute, job: Job, not_before: float, finish_by: float
) -> Insertion | None:
    """Where in the day the job starts soonest, after the jobs already under way.

    Jobs planned to start by ``not_before`` are under way or done: the operative finishes
    the one they are on and drives from it. Every later promise must still be kept, but
    the day may run into its overtime (an emergency is worth staying late for).
    """
    legs, earliest, latest, feasible = route.late_plan()
    if not feasible:
        return None
    km, mins = route.travel.road_km, route.travel.minutes
    stops, n = route.stops, len(route.stops)
    started = sum(1 for e in earliest if e <= not_before)
    finish_by = min(finish_by, route.shift_end + route.overtime)
    best: Insertion | None = None
    for pos in range(started, n + 1):
        if pos == 0:
            free, at = route.shift_start, (route.home_latitude, route.home_longitude)
        else:
            prev = stops[pos - 1]
            free, at = earliest[pos - 1] + prev.duration, (prev.latitude, prev.longitude)
        setting_off = max(free, not_before)
        if setting_off >= route.shift_end:
            break  # off shift by then: overtime is for finishing, not for starting
        reach = km(*at, job.latitude, job.longitude)
        start = setting_off + mins(reach)
        done = start + job.duration_minutes
        if done > finish_by + 1e-9 or (best is not None and start > best.start + 1e-9):
            continue
        if pos < n:
            nxt = stops[pos]
            onward = km(job.latitude, job.longitude, nxt.latitude, nxt.longitude)
            if max(done + mins(onward), nxt.window_start) > latest[pos] + 1e-9:
                continue
        else:
            onward = km(job.latitude, job.longitude, route.home_latitude, route.home_longitude)
        added = reach + onward - legs[pos]
        if best is None or start < best.start - 1e-9 or added < best.added_km - 1e-9:
            best = Insertion(pos, route.sequence_at(pos), added, start, reach)
    return best


# -- on call -------------------------------------------------------------------------------
def on_call(roster, job, now, due, only) -> Iterable[DispatchOption]:
    """Each duty that could take the call-out: from home or from the last call-out."""
    for duty in roster.oncall.covering(job.trade, now, due.make_safe_by):
        op = roster.operatives.get(duty.operative_id)
        if op is None or (only is not None and op.id not in only):
            continue
        if len(roster.oncall.taken(duty.id)) >= roster.oncall.cap(duty):
            continue
        setting_off = max(now, duty.starts_at)
        if setting_off >= duty.ends_at or _absent(op, setting_off):
            continue
        depart, at, moving = _whereabouts(roster, op, duty, setting_off)
        if not moving:
            depart += timedelta(minutes=roster.settings.oncall_mobilise_minutes)
        reach = roster.travel.road_km(*at, job.latitude, job.longitude)
        arrival = depart + timedelta(minutes=roster.travel.minutes(reach))
        finish = arrival + timedelta(minutes=job.duration_minutes)
        if finish > due.make_safe_by:
            continue
        callout = CallOut(-1, duty.id, op.id, arrival, finish, job.latitude, job.longitude)
        displaced, days = _displaced(roster, op, callout)
        yield DispatchOption(
            op.id,
            arrival.astimezone(LONDON).date(),
            arrival,
            finish,
            arrival <= due.attend_by,
            reach,
            duty_id=duty.id,
            in_patch=_covers(duty, job),
            displaced=displaced,
            rested_days=days,
        )


def _covers(duty: OnCallDuty, job: Job) -> bool:
    return not duty.patches or job.patch is None or job.patch in duty.patches


def _absent(op, moment: datetime) -> bool:
    day = moment.astimezone(LONDON).date()
    return any(first <= day <= last for first, last in op.absences)


def _whereabouts(roster, op, duty, setting_off: datetime) -> tuple[datetime, tuple, bool]:
    """When and where an on-call operative sets off, and whether they are already out.

    Straight on after their call-outs of this duty still to finish (or just finished:
    they are still out), or from the last job of a shift that has just ended; otherwise
    from home, once they have got going.
    """
    home = (op.home_latitude, op.home_longitude)
    latest = None
    for callout in roster.oncall.by_operative.get(op.id, ()):
        if callout.duty_id != duty.id and callout.arrival > setting_off:
            continue  # a later duty's
        at = (callout.latitude, callout.longitude)
        home_by = callout.finish + timedelta(minutes=roster.travel.minutes(_km(roster, at, home)))
        if home_by > setting_off and (latest is None or callout.finish > latest.finish):
            latest = callout
    if latest is not None:
        return max(setting_off, latest.finish), (latest.latitude, latest.longitude), True
    day = setting_off.astimezone(LONDON).date()
    route = roster.routes.get((op.id, day))
    if route is not None and route.stops and route.keeps_promises:
        stop = route.stops[-1]
        done = local_moment(day, route.late_plan()[1][-1] + stop.duration)
        at = (stop.latitude, stop.longitude)
        home_by = done + timedelta(minutes=roster.travel.minutes(_km(roster, at, home)))
        if done <= setting_off < home_by:
            return setting_off, at, True
    return setting_off, home, False


def _km(roster, a: tuple, b: tuple) -> float:
    return roster.travel.road_km(*a, *b)


def _displaced(roster, op, callout: CallOut) -> tuple[tuple[int, ...], tuple[date, ...]]:
    """The booked jobs the rest after ``callout`` would break, and the days it reaches."""
    displaced: list[int] = []
    days = tuple(roster.oncall.rested_days(callout))
    for day in days:
        if not roster.works_on(op, day):
            continue
        route = roster.routes.get((op.id, day))
        if route is None or not route.stops:
            continue
        pushed = roster.oncall.rest_start(op.id, day, op.pattern[day.weekday()], callout)
        if pushed is not None and pushed > route.shift_start:
            displaced += dropped_stops(route, pushed)
    return tuple(displaced), days


def elsewhere(
    roster: Roster, stop: Stop, trade: str, day: date, busy: int, limit: int = 3
) -> list[tuple[int, Insertion]]:
    """Other operatives who could keep a booked job in its own window that day.

    Least added travel first. The promise to the tenant is the window, not the person,
    so a job the rest after a call-out displaces can move to a colleague unnoticed.
    """
    found = []
    span = [(stop.window_start, stop.window_end)]
    for op in roster.by_trade.get(trade, ()):
        if op.id == busy or not roster.works_on(op, day):
            continue
        fit = roster.route(op.id, day).best_insertions(
            stop.latitude, stop.longitude, stop.duration, span
        )[0]
        if fit is not None:
            found.append((fit.added_km, op.id, fit))
    found.sort(key=lambda item: item[:2])
    return [(op_id, fit) for _, op_id, fit in found[:limit]]
