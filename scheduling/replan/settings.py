"""The re-plan's settings, read from the app's configuration (``REPLAN_*`` keys)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time


def parse_clock(raw: str) -> time:
    """``"22:00"`` as a time of day; anything else is refused."""
    try:
        hour, minute = str(raw).strip().split(":")
        return time(int(hour), int(minute))
    except ValueError:
        raise ValueError(f"give a time of day like 22:00, not {raw!r}") from None


@dataclass(frozen=True)
class ReplanSettings:
    # The nightly run: from this local time, for this many working days after today.
    at: time = time(22, 0)
    days_ahead: int = 1
    # Wall-clock seconds the solver gets for one day, over this many processes (cores).
    time_limit_seconds: float = 60.0
    workers: int = 2
    # A plan that saves less than this fraction of the day's travel is discarded: moving
    # jobs has a cost of its own (run sheets reprinted, parts on the wrong van).
    min_saving: float = 0.02
    # Among plans of about the same travel, the solver prefers days that end together:
    # each hour an operative's day runs past the group's average load costs this much.
    balance_km_per_hour: float = 0.5

    def __post_init__(self) -> None:
        if not 1 <= self.days_ahead <= 14:
            raise ValueError("REPLAN_DAYS_AHEAD must be from 1 to 14")
        if not 1 <= self.time_limit_seconds <= 3600:
            raise ValueError("REPLAN_TIME_LIMIT_SECONDS must be from 1 to 3600")
        if not 1 <= self.workers <= 64:
            raise ValueError("REPLAN_WORKERS must be from 1 to 64")
        if not 0 <= self.min_saving < 1:
            raise ValueError("REPLAN_MIN_SAVING_PERCENT must be from 0 to under 100")

    @classmethod
    def from_config(cls, config: Mapping) -> ReplanSettings:
        base = cls()
        get = config.get
        at = get("REPLAN_AT")
        return cls(
            at=parse_clock(at) if at else base.at,
            days_ahead=int(get("REPLAN_DAYS_AHEAD", base.days_ahead)),
            time_limit_seconds=float(get("REPLAN_TIME_LIMIT_SECONDS", base.time_limit_seconds)),
            workers=int(get("REPLAN_WORKERS", base.workers)),
            min_saving=float(get("REPLAN_MIN_SAVING_PERCENT", base.min_saving * 100)) / 100,
        )
