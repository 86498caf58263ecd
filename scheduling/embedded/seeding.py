"""The demo city's future appointments, given their places in operatives' days, and its
on-call rota.

Runs inside the seed's own transaction, over plain rows: the year's history is large,
and only the appointments still to come (about 4,000) hold places.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import bindparam, func, select, update

from common.calendar import LONDON, bank_holidays
from repairs.models import Appointment, Block, Operative, OperativeAbsence, Property, Repair
from repairs.references import ALPHABET
from scheduling.embedded.models import (
    SchedulingBooking,
    SchedulingOnCallDuty,
    SchedulingRevision,
)
from scheduling.embedded.store import bump_revision
from scheduling.roster import OperativeInfo, parse_pattern
from scheduling.rota import build_rota

# The demo rota runs from a week back (so recent nights have their duties) to eight weeks on.
ROTA_DAYS_BACK, ROTA_DAYS_AHEAD = 7, 56

_SPACE = len(ALPHABET) ** 8
_STRIDE = 387_420_489  # 9**18: coprime with 31**8, so every appointment gets its own code


def _reference(n: int) -> str:
    number, chars = (n * _STRIDE) % _SPACE, []
    for _ in range(8):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "SB-" + "".join(chars)


def import_booked_appointments(conn) -> int:
    """Insert a booking for each booked appointment; returns how many."""
    rows = conn.execute(
        select(
            Appointment.id,
            Appointment.operative_id,
            Appointment.window,
            Appointment.starts_at,
            Appointment.ends_at,
            Repair.reference,
            Repair.trade,
            Repair.estimated_minutes,
            func.coalesce(Property.latitude, Block.latitude).label("latitude"),
            func.coalesce(Property.longitude, Block.longitude).label("longitude"),
        )
        .join(Repair, Repair.id == Appointment.repair_id)
        .outerjoin(Property, Property.id == Repair.property_id)
        .outerjoin(Block, Block.id == Repair.block_id)
        .where(Appointment.status == "booked", Appointment.operative_id.is_not(None))
        .order_by(Appointment.id)
    ).all()
    days: dict[tuple, list] = defaultdict(list)
    for row in rows:
        if row.latitude is not None:
            days[(row.operative_id, row.starts_at.astimezone(LONDON).date())].append(row)
    bookings = []
    for (operative_id, day), jobs in days.items():
        # The seed gave no route order: take the windows in time order.
        jobs.sort(key=lambda r: (r.starts_at, r.ends_at, r.id))
        for sequence, row in enumerate(jobs, start=1):
            bookings.append(
                {
                    "reference": _reference(row.id),
                    "job_reference": row.reference,
                    "operative_id": operative_id,
                    "day": day,
                    "window": row.window,
                    "starts_at": row.starts_at,
                    "ends_at": row.ends_at,
                    "planned_start": None,
                    "duration_minutes": row.estimated_minutes or 60,
                    "trade": row.trade or "general_operative",
                    "latitude": row.latitude,
                    "longitude": row.longitude,
                    "sequence": float(sequence),
                    "status": "booked",
                    "idempotency_key": f"appointment:{row.id}",
                    "replaces_id": None,
                    "revision": 0,
                    "created_at": row.starts_at,
                    "updated_at": row.starts_at,
                }
            )
    # Each appointment names its booking: the two sides of one promise.
    links = [
        {"appointment_id": int(b["idempotency_key"].split(":")[1]), "booking": b["reference"]}
        for b in bookings
    ]
    for start in range(0, len(links), 5_000):
        conn.execute(
            update(Appointment.__table__)
            .where(Appointment.__table__.c.id == bindparam("appointment_id"))
            .values(booking_reference=bindparam("booking")),
            links[start : start + 5_000],
        )
    bookings.sort(key=lambda b: b["idempotency_key"])
    for start in range(0, len(bookings), 5_000):
        conn.execute(SchedulingBooking.__table__.insert(), bookings[start : start + 5_000])
    bump_revision(conn, new_epoch=True)
    return len(bookings)


def import_oncall_rota(conn, today: date) -> int:
    """Build the demo rota from the seeded workforce (``scheduling.rota``); returns duties."""
    away: dict[int, list] = defaultdict(list)
    for row in conn.execute(select(OperativeAbsence.__table__)):
        away[row.operative_id].append((row.starts_on, row.ends_on))
    operatives = {
        row.id: OperativeInfo(
            row.id,
            frozenset(row.trades),
            row.home_latitude,
            row.home_longitude,
            parse_pattern(row.working_pattern),
            tuple(away[row.id]),
            row.patch,
            row.name,
        )
        for row in conn.execute(select(Operative.__table__).where(Operative.active.is_(True)))
    }
    first, last = today - timedelta(days=ROTA_DAYS_BACK), today + timedelta(days=ROTA_DAYS_AHEAD)
    duties = [
        {
            "operative_id": duty.operative_id,
            "starts_at": duty.starts_at,
            "ends_at": duty.ends_at,
            "trades": sorted(duty.trades),
            "patches": sorted(duty.patches),
            "max_callouts": duty.max_callouts,
            "created_at": duty.starts_at - timedelta(days=28),
        }
        for duty in build_rota(operatives, first, last, bank_holidays())
    ]
    if duties:
        conn.execute(SchedulingOnCallDuty.__table__.insert(), duties)
    bump_revision(conn, new_epoch=True)
    return len(duties)


def clear_bookings(conn) -> None:
    """Remove every booking and duty (the seed's reset), before the operatives they name."""
    conn.execute(SchedulingBooking.__table__.delete())
    conn.execute(SchedulingOnCallDuty.__table__.delete())
    conn.execute(SchedulingRevision.__table__.delete())
