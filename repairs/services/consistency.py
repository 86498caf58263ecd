"""One truth for appointments: every repair, appointment and booking must agree.

``flask repairs check`` runs ``find_disagreements`` and exits 1 when it finds any. The
services keep the two sides in step; this proves it, and finds what a crash, a bug or a
hand edit left behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from repairs.models import Appointment, Repair
from scheduling import BookingNotFound, CoreUnavailable, SchedulingCore

# How an appointment's status shows in the scheduling core's booking.
BOOKING_STATUS = {
    "booked": {"booked", "dispatched", "in_progress"},
    "attended": {"completed", "follow_on_needed", "in_progress"},
    "no_access": {"no_access"},
    "cancelled": {"cancelled"},
    "rebooked": {"rebooked"},
}
# Repair statuses that hold exactly one booked appointment, and those that hold none.
HOLDS_ONE = {"booked", "dispatched"}
HOLDS_NONE = {
    "reported",
    "triaged",
    "awaiting_appointment",
    "completed",
    "cancelled",
    "no_access",
    "follow_on_needed",
}


@dataclass(frozen=True)
class Disagreement:
    repair: str
    what: str

    def __str__(self) -> str:
        return f"{self.repair}: {self.what}"


def find_disagreements(
    session, core: SchedulingCore, since: datetime | None = None
) -> list[Disagreement]:
    """Every repair whose status, appointments and bookings do not tell one story.

    ``since`` limits the check to appointments starting from then (the demo city's old
    history has no bookings: the core only holds places still to come).
    """
    found: list[Disagreement] = []
    query = select(Appointment, Repair).join(Repair, Repair.id == Appointment.repair_id)
    if since is not None:
        query = query.where(Appointment.starts_at >= since)
    booked: dict[int, int] = {}
    statuses: dict[int, tuple[str, str]] = {}
    for appointment, repair in session.execute(query):
        statuses[repair.id] = (repair.reference, repair.status)
        if appointment.status == "booked":
            booked[repair.id] = booked.get(repair.id, 0) + 1
        found += _against_booking(core, appointment, repair)
    for repair_id, (reference, status) in statuses.items():
        count = booked.get(repair_id, 0)
        if status in HOLDS_ONE and count != 1:
            found.append(Disagreement(reference, f"is {status} with {count} booked appointments"))
        if status in HOLDS_NONE and count:
            found.append(Disagreement(reference, f"is {status} yet holds a booked appointment"))
    return found


def _against_booking(core, appointment: Appointment, repair: Repair) -> list[Disagreement]:
    if appointment.booking_reference is None:
        if appointment.status == "booked":
            return [Disagreement(repair.reference, "has a booked appointment with no booking")]
        return []
    try:
        booking = core.get_booking(appointment.booking_reference)
    except BookingNotFound:
        return [
            Disagreement(repair.reference, f"booking {appointment.booking_reference} is missing")
        ]
    except CoreUnavailable:
        return [Disagreement(repair.reference, "the scheduling core did not answer")]
    problems = []
    if booking.job_reference != repair.reference:
        problems.append(f"booking {booking.reference} is for job {booking.job_reference}")
    if booking.status not in BOOKING_STATUS.get(appointment.status, set()):
        problems.append(
            f"appointment is {appointment.status} "
            f"but booking {booking.reference} is {booking.status}"
        )
    if (
        appointment.status == "booked"
        and appointment.window not in ("emergency", "on_call")
        and (
            booking.slot.starts_at != appointment.starts_at
            or booking.slot.window != appointment.window
        )
    ):
        problems.append(f"appointment and booking {booking.reference} are at different times")
    if appointment.status == "booked" and booking.slot.operative_id != appointment.operative_id:
        problems.append(f"appointment and booking {booking.reference} name different operatives")
    return [Disagreement(repair.reference, p) for p in problems]


def orphan_bookings(session) -> list[Disagreement]:
    """Active bookings in the embedded core that no appointment holds: places promised to
    nobody, taking an operative's time."""
    from scheduling.embedded.models import SchedulingBooking

    held = select(Appointment.booking_reference).where(Appointment.booking_reference.is_not(None))
    rows = session.execute(
        select(SchedulingBooking.reference, SchedulingBooking.job_reference).where(
            SchedulingBooking.status.in_(("booked", "dispatched")),
            SchedulingBooking.reference.not_in(held),
        )
    )
    return [
        Disagreement(job, f"booking {reference} is held by no appointment")
        for reference, job in rows
    ]
