"""Emergencies in the month benchmark: dispatched as the core does, and what came of them.

Each emergency goes to ``scheduling.emergency.choose`` (the core's own choice: soonest
arrival on shift or on call) over the demo workforce and its on-call rota. A call-out's
rest can push the operative's next morning; the booked jobs it breaks are rebooked the
way the repair services would: the same day and window with another operative if any
has room, else the tenant's first choice among fresh offers.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from common.calendar import LONDON
from scheduling.emergency import choose
from scheduling.oncall import CallOut
from scheduling.planner import Stop
from scheduling.roster import pinned_window


@dataclass
class Emergencies:
    """What the measured weeks' emergencies saw."""

    count: int = 0
    missed: int = 0  # nobody could make safe within the target
    attended: int = 0  # arrival within the attend target
    made_safe: int = 0
    minutes_to_arrive: list[float] = field(default_factory=list)
    on_call: int = 0
    moved: int = 0  # booked jobs the rest after a call-out displaced
    moved_same_window: int = 0
    per_duty: dict[int, int] = field(default_factory=dict)

    def median_and_p95(self) -> tuple[float, float]:
        ordered = sorted(self.minutes_to_arrive) or [0.0]
        return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def dispatch(roster, job, at: datetime, key: int, log: Emergencies, counted: bool, rebook):
    """Send one emergency and return the option taken (None: nobody in time).

    ``rebook(key)`` re-places a booked job the rest after a call-out displaced, and says
    whether it kept its window.
    """
    option = choose(roster, job, at)
    log.count += counted
    if option is None:
        log.missed += counted
        return None
    if counted:
        log.attended += option.attend_met
        log.made_safe += 1
        log.minutes_to_arrive.append((option.arrival - at).total_seconds() / 60)
        log.on_call += option.on_call
    if not option.on_call:
        earliest, latest = pinned_window(option.insertion.start)
        stop = Stop(
            key,
            job.latitude,
            job.longitude,
            earliest,
            latest,
            job.duration_minutes,
            option.insertion.sequence,
        )
        roster.place(option.operative_id, option.day, stop)
        return option
    log.per_duty[option.duty_id] = log.per_duty.get(option.duty_id, 0) + counted
    roster.place_callout(
        CallOut(
            key,
            option.duty_id,
            option.operative_id,
            option.arrival,
            option.finish,
            job.latitude,
            job.longitude,
        )
    )
    for displaced in option.displaced:
        kept = rebook(displaced)
        log.moved += counted
        log.moved_same_window += counted and kept
    return option


def on_call_operatives(roster, first, last) -> int:
    """How many operatives were on the rota at some time in [first, last)."""
    start = datetime.combine(first, datetime.min.time(), tzinfo=LONDON)
    end = datetime.combine(last, datetime.min.time(), tzinfo=LONDON)
    return len(
        {d.operative_id for d in roster.oncall.duties.values() if start <= d.starts_at < end}
    )


def duties_between(roster, first, last) -> int:
    start = datetime.combine(first, datetime.min.time(), tzinfo=LONDON)
    end = datetime.combine(last, datetime.min.time(), tzinfo=LONDON)
    return sum(1 for d in roster.oncall.duties.values() if start <= d.starts_at < end)


def hours(minutes: float) -> str:
    return str(timedelta(minutes=round(minutes)))[:-3]
