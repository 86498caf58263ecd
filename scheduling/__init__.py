"""The boundary to the scheduling core: the port, its value types, and ``core_for(app)``.

The rest of the code imports only from here. ``core_for`` answers the embedded core over
the app's own database, or, when ``SCHEDULING_CORE_URL`` is set, the HTTP adapter for a
remote core; both implement ``SchedulingCore``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduling.port import (
    EVENT_KINDS,
    PRIORITIES,
    Booking,
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    EventHub,
    InvalidJob,
    Job,
    NoOperativeAvailable,
    OperativeEvent,
    SchedulingCore,
    SchedulingError,
    Slot,
    SlotUnavailable,
)
from scheduling.windows import Settings, Window

if TYPE_CHECKING:
    from flask import Flask

__all__ = [
    "EVENT_KINDS",
    "PRIORITIES",
    "Booking",
    "BookingClosed",
    "BookingNotFound",
    "CoreUnavailable",
    "EventHub",
    "InvalidJob",
    "Job",
    "NoOperativeAvailable",
    "OperativeEvent",
    "SchedulingCore",
    "SchedulingError",
    "Settings",
    "Slot",
    "SlotUnavailable",
    "Window",
    "core_for",
    "embedded_core_for",
    "import_booked_appointments",
    "reset_bookings",
]


def core_for(app: Flask) -> SchedulingCore:
    """The app's scheduling core, chosen by configuration and built once per app."""
    core = app.extensions.get("scheduling_core")
    if core is None:
        url = app.config.get("SCHEDULING_CORE_URL", "")
        if url:
            from scheduling.http_client import HttpSchedulingCore

            core = HttpSchedulingCore(url, app.config.get("SCHEDULING_CORE_TOKEN", ""))
        else:
            core = embedded_core_for(app)
        app.extensions["scheduling_core"] = core
    return core


def embedded_core_for(app: Flask) -> SchedulingCore:
    """The embedded core over the app's database, whatever the configuration says.

    The scheduling API always serves this one: a server is the core, never a proxy.
    """
    core = app.extensions.get("scheduling_embedded_core")
    if core is None:
        from portal.extensions import db
        from scheduling.embedded.core import EmbeddedCore

        core = EmbeddedCore(lambda: db.session, Settings.from_config(app.config))
        app.extensions["scheduling_embedded_core"] = core
    return core


def import_booked_appointments(conn) -> int:
    """Give every future booked appointment its place in the scheduling core (the seed)."""
    from scheduling.embedded.seeding import import_booked_appointments as run

    return run(conn)


def reset_bookings(conn) -> None:
    """Delete every booking, before the seed deletes the operatives they point at."""
    from scheduling.embedded.seeding import clear_bookings

    clear_bookings(conn)
