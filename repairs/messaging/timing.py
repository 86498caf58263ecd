"""When to send: quiet hours in the landlord's time zone, and back-off between attempts."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from common.calendar import LONDON, local


def parse_clock(text: str) -> time:
    """``"08:00"`` -> 08:00; ValueError for anything else."""
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time like 08:00")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class QuietHours:
    """Hours (London time) in which messages that can wait are held back; ``start`` equal
    to ``end`` means none. ``20:00-08:00`` runs over midnight."""

    start: time = time(20, 0)
    end: time = time(8, 0)

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """``"20:00-08:00"``, or ``""`` / ``"off"`` for no quiet hours."""
        if text.strip().lower() in ("", "off", "none"):
            return cls(time(0), time(0))
        start, sep, end = text.partition("-")
        if not sep:
            raise ValueError(f"{text!r} is not a range like 20:00-08:00")
        return cls(parse_clock(start), parse_clock(end))

    @property
    def enabled(self) -> bool:
        return self.start != self.end

    def contains(self, moment: datetime) -> bool:
        if not self.enabled:
            return False
        now = local(moment).time()
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def ends_after(self, moment: datetime) -> datetime:
        """The first moment at or after ``moment`` outside quiet hours."""
        if not self.contains(moment):
            return moment
        here = local(moment)
        end = datetime.combine(here.date(), self.end, tzinfo=LONDON)
        return end if end > here else end + timedelta(days=1)


def backoff(
    attempts: int, base: float, cap: float, rng: Callable[[], float] = random.random
) -> float:
    """Seconds to wait after the ``attempts``-th failure: exponential, capped, with "equal
    jitter" (half fixed, half random), so workers that failed together do not all come
    back at the same instant yet never retry at once."""
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return delay / 2 + rng() * delay / 2
