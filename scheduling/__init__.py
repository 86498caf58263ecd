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
    AttendTargetMissed,
    Booking,
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    DayNotPlannable,
    DutyInUse,
    DutyNotFound,
    DutyRefused,
    EventHub,
    InvalidJob,
    Job,
    JobMove,
    KeyReused,
    NoOperativeAvailable,
    OnCallDuty,
    OperativeEvent,
    Replan,
    ReplanConflict,
    Rota,
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
    "AttendTargetMissed",
    "Booking",
    "BookingClosed",
    "BookingNotFound",
    "CoreUnavailable",
    "DayNotPlannable",
    "DutyInUse",
    "DutyNotFound",
    "DutyRefused",
    "EventHub",
    "InvalidJob",
    "Job",
    "KeyReused",
    "JobMove",
    "NoOperativeAvailable",
    "OnCallDuty",
    "OperativeEvent",
    "Replan",
    "ReplanConflict",
    "Rota",
    "SchedulingCore",
    "SchedulingError",
    "Settings",
    "Slot",
    "SlotUnavailable",
    "UnknownPlace",
    "Window",
    "import_booked_appointments",
    "import_oncall_rota",
    "reset_bookings",
]


def import_booked_appointments(conn) -> int:
    """Give every future booked appointment its place in the scheduling core (the seed)."""
    from scheduling.embedded.seeding import import_booked_appointments as run

    return run(conn)


def import_oncall_rota(conn, today) -> int:
    """Build the demo on-call rota from the seeded workforce (the seed)."""
    from scheduling.embedded.seeding import import_oncall_rota as run

    return run(conn, today)


def reset_bookings(conn) -> None:
    """Delete every booking and duty, before the seed deletes the operatives they name."""
    from scheduling.embedded.seeding import clear_bookings

    clear_bookings(conn)
