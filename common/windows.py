"""Appointment windows: the promises a tenant can choose from ("morning", "afternoon" ...).

The landlord names them in configuration; the scheduling core plans inside them and every
channel shows them, so the type and its parser live here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

DEFAULT_WINDOWS = (
    "morning=08:00-12:00,afternoon=12:00-16:00,all_day=08:00-16:00,school_run=09:30-14:30"
)


@dataclass(frozen=True)
class Window:
    """A promise to the tenant: the operative arrives between ``start`` and ``end``."""

    name: str
    start: int  # minutes after local midnight
    end: int

    @property
    def start_time(self) -> time:
        return time(self.start // 60, self.start % 60)

    @property
    def end_time(self) -> time:
        return time(self.end // 60, self.end % 60)


def _minutes(clock: str) -> int:
    hour, minute = clock.strip().split(":")
    value = int(hour) * 60 + int(minute)
    if not 0 <= value <= 24 * 60:
        raise ValueError(clock)
    return value


def parse_windows(spec: str) -> tuple[Window, ...]:
    """``"morning=08:00-12:00,afternoon=12:00-16:00"`` as windows, in the order given."""
    windows = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        try:
            name, span = part.split("=")
            start, end = span.split("-")
            window = Window(name.strip(), _minutes(start), _minutes(end))
        except ValueError:
            raise ValueError(f"cannot read appointment window {part!r}") from None
        if window.end <= window.start or not window.name:
            raise ValueError(f"appointment window {part!r} must end after it starts")
        windows.append(window)
    if not windows or len({w.name for w in windows}) != len(windows):
        raise ValueError("appointment windows must be named, and each name used once")
    return tuple(windows)
