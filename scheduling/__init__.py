"""The boundary to the scheduling core: the port, its value types, and ``core_for(app)``.

The rest of the code imports only from here. The embedded core (``scheduling.embedded``)
and the HTTP adapter for a remote core (``scheduling.http_client``) both implement
``SchedulingCore``; the app chooses one by configuration (``portal.wiring.core_for``).
The core receives its database session from the caller and knows nothing of the web app.
"""

from __future__ import annotations

from scheduling.port import (
    EVENT_KINDS,
    PRIORITIES,
    Booking,
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    DayNotPlannable,
    EventHub,
    InvalidJob,
    Job,
    JobMove,
    KeyReused,
    NoOperativeAvailable,
    OperativeEvent,
    Replan,
    ReplanConflict,
    SchedulingCore,
    SchedulingError,
    Slot,
    SlotUnavailable,
    UnknownPlace,
)
from scheduling.windows import Settings, Window

__all__ = [
    "EVENT_KINDS",
    "PRIORITIES",
    "Booking",
    "BookingClosed",
    "BookingNotFound",
    "CoreUnavailable",
    "DayNotPlannable",
    "EventHub",
    "InvalidJob",
    "Job",
    "KeyReused",
    "JobMove",
    "NoOperativeAvailable",
    "OperativeEvent",
    "Replan",
    "ReplanConflict",
    "SchedulingCore",
    "SchedulingError",
    "Settings",
    "Slot",
    "SlotUnavailable",
    "UnknownPlace",
    "Window",
    "import_booked_appointments",
    "reset_bookings",
]


def import_booked_appointments(conn) -> int:
    """Give every future booked appointment its place in the scheduling core (the seed)."""
    from scheduling.embedded.seeding import import_booked_appointments as run

    return run(conn)


def reset_bookings(conn) -> None:
    """Delete every booking, before the seed deletes the operatives they point at."""
    from scheduling.embedded.seeding import clear_bookings

    clear_bookings(conn)
