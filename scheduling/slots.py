"""Slot identifiers: everything a booking needs to re-check the place, in one string.

A slot id names the operative, day and window, and carries the job's trade, duration and
location, so a booking (possibly in another process, or another server behind the HTTP
API) re-checks exactly the fit that was offered without remembering the offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scheduling.port import SlotUnavailable


@dataclass(frozen=True)
class SlotKey:
    operative_id: int
    day: date
    window: str
    trade: str
    duration: int
    latitude: float
    longitude: float

    def encode(self) -> str:
        return (
            f"{self.operative_id}~{self.day:%Y%m%d}~{self.window}~{self.trade}~"
            f"{self.duration}~{self.latitude:.6f}~{self.longitude:.6f}"
        )


def decode(slot_id: str) -> SlotKey:
    """The slot behind an id; an id that cannot be read is a slot that does not exist."""
    try:
        op, day, window, trade, duration, lat, lon = str(slot_id).split("~")
        if len(day) != 8 or not day.isascii() or not day.isdigit():
            raise ValueError(day)
        key = SlotKey(
            int(op),
            date(int(day[:4]), int(day[4:6]), int(day[6:8])),
            window,
            trade,
            int(duration),
            float(lat),
            float(lon),
        )
    except (ValueError, TypeError):
        raise SlotUnavailable(f"there is no slot {str(slot_id)[:80]!r}") from None
    # Operative ids are 32-bit keys (PostgreSQL's advisory locks take no more).
    if (
        not (-90 <= key.latitude <= 90 and -180 <= key.longitude <= 180)
        or not 1 <= key.duration <= 24 * 60
        or not 1 <= key.operative_id < 2**31
    ):
        raise SlotUnavailable(f"there is no slot {str(slot_id)[:80]!r}")
    return key
