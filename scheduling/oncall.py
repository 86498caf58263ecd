"""The on-call rota in memory: duties, the call-outs they take, and the rest they cost.

Pure. A duty is one operative on call for some trades (and patches) from one time to
another, at most a day long, so its cap on call-outs is a cap per night. A call-out is an
emergency an on-call operative attends out of hours; it is not part of any day route.
After it, the rest rule holds: no work until ``oncall_rest_hours`` after the call-out
ends, so a late call-out pushes the start of the operative's next shift, and the jobs
already booked into that shift are re-checked against the later start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import ceil

from common.calendar import LONDON
from scheduling.planner import DayRoute
from scheduling.port import OnCallDuty
from scheduling.windows import Settings

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class CallOut:
    """An emergency an on-call operative attends: where, from when until when."""

    key: int  # the booking's id
    duty_id: int
    operative_id: int
    arrival: datetime
    finish: datetime
    latitude: float
    longitude: float


def duty_kind(starts_at: datetime, holidays: frozenset[date]) -> str:
    """weeknight, weekend or bank_holiday, by the London day the duty starts on."""
    day = starts_at.astimezone(LONDON).date()
    if day in holidays:
        return "bank_holiday"
    return "weekend" if day.weekday() >= 5 else "weeknight"


def minutes_of(day: date, moment: datetime) -> float:
    """Minutes from local midnight on ``day`` to ``moment`` (negative before, 1440+ after)."""
    local = moment.astimezone(LONDON)
    return (local.date() - day).days * DAY_MINUTES + (
        local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
    )


class OnCall:
    """Every duty on the horizon and the call-outs placed on them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rest = timedelta(hours=settings.oncall_rest_hours)
        self.duties: dict[int, OnCallDuty] = {}
        self.by_trade: dict[str, list[OnCallDuty]] = {}
        self.callouts: dict[int, CallOut] = {}
        self.by_duty: dict[int, list[CallOut]] = {}
        self.by_operative: dict[int, list[CallOut]] = {}

    # -- the rota --------------------------------------------------------------------------
    def add_duty(self, duty: OnCallDuty) -> None:
        self.duties[duty.id] = duty
        for trade in duty.trades:
            self.by_trade.setdefault(trade, []).append(duty)

    def covering(self, trade: str, start: datetime, end: datetime) -> Iterable[OnCallDuty]:
        """Duties for ``trade`` that are on at some moment in [start, end)."""
        for duty in self.by_trade.get(trade, ()):
            if duty.starts_at < end and duty.ends_at > start:
                yield duty

    def cap(self, duty: OnCallDuty) -> int:
        return duty.max_callouts or self.settings.oncall_max_callouts

    def taken(self, duty_id: int) -> list[CallOut]:
        return self.by_duty.get(duty_id, [])

    # -- call-outs -------------------------------------------------------------------------
    def place(self, callout: CallOut) -> None:
        self.remove(callout.key)
        self.callouts[callout.key] = callout
        for index in (self.by_duty, self.by_operative):
            owner = callout.duty_id if index is self.by_duty else callout.operative_id
            found = index.setdefault(owner, [])
            found.append(callout)
            found.sort(key=lambda c: (c.arrival, c.key))

    def remove(self, key: int) -> CallOut | None:
        callout = self.callouts.pop(key, None)
        if callout is not None:
            self.by_duty[callout.duty_id].remove(callout)
            self.by_operative[callout.operative_id].remove(callout)
        return callout

    def rested_days(self, callout: CallOut) -> list[date]:
        """The London days on which the rest after ``callout`` may fall."""
        first = callout.arrival.astimezone(LONDON).date()
        last = (callout.finish + self.rest).astimezone(LONDON).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    # -- the rest rule ---------------------------------------------------------------------
    def rest_start(
        self, operative_id: int, day: date, shift: tuple[int, int], extra: CallOut | None = None
    ) -> int | None:
        """The earliest minute work may start on ``day`` after the operative's call-outs.

        A call-out counts when it begins before the shift ends and its rest runs past the
        shift's start: a night call-out pushes the next morning; an evening one after the
        shift pushes nothing that day. Whole minutes, rounded up. None: no push.
        """
        callouts = self.by_operative.get(operative_id, ())
        if extra is not None:
            callouts = [*callouts, extra]
        latest = None
        for callout in callouts:
            if minutes_of(day, callout.arrival) >= shift[1]:
                continue
            rested = minutes_of(day, callout.finish + self.rest)
            if rested > shift[0] and (latest is None or rested > latest):
                latest = rested
        if latest is None:
            return None
        return min(DAY_MINUTES, ceil(latest))


def dropped_stops(route: DayRoute, start: int) -> list[int]:
    """The booked jobs a day can no longer keep if its work may only begin at ``start``.

    Greedy in route order: each job stays if it can still start inside its window and
    finish by the end of the day (overtime an emergency took included) after the ones
    kept before it; otherwise it is dropped (the caller rebooks it). Returns their keys.
    """
    travel = route.travel
    at = (route.home_latitude, route.home_longitude)
    t = float(max(start, route.shift_start))
    end = route.shift_end + route.overtime
    dropped = []
    for stop in route.stops:
        arrive = t + travel.minutes(travel.road_km(*at, stop.latitude, stop.longitude))
        begin = max(arrive, stop.window_start)
        if begin <= min(stop.window_end, end - stop.duration) + 1e-9:
            t, at = begin + stop.duration, (stop.latitude, stop.longitude)
        else:
            dropped.append(stop.key)
    return dropped
