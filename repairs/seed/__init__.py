"""``flask seed``: the demo city, at the scale of the landlord it is built for.

Deterministic for a given seed and day, and idempotent: a database that already holds
homes is left alone unless ``reset`` is asked for (never in production).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from argon2 import PasswordHasher
from sqlalchemy import Engine, func, select, text

from common.calendar import LONDON
from repairs import models as m
from repairs.seed.city import build_city
from repairs.seed.history import build_history
from repairs.seed.satisfaction import build_satisfaction
from repairs.seed.workforce import DEMO_STAFF_PASSWORD, build_operatives, build_staff
from scheduling import import_booked_appointments, import_oncall_rota, reset_bookings

CHUNK = 5_000
# Parents before children; reset deletes in the reverse order.
TABLES = (
    m.Block,
    m.Property,
    m.Person,
    m.Tenancy,
    m.TenancyMember,
    m.StaffUser,
    m.Operative,
    m.OperativeAbsence,
    m.Repair,
    m.Appointment,
    m.RepairEvent,
    m.SatisfactionResponse,
)
# A reply points at the question it answers, so replies go before the messages.
CLEARED_FIRST = (m.SatisfactionResponse,)
CLEARED_TOO = (
    m.OutboundMessage,
    m.InboundMessage,
    m.Conversation,
    m.RateLimitWindow,
    m.WorkItem,
    m.StaffRecoveryCode,
    m.StaffAccountEvent,
)


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    skipped: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self, seconds: float) -> str:
        if self.skipped:
            return "The demo city is already there; nothing to do (use --reset to rebuild)."
        parts = ", ".join(f"{n:,} {name}" for name, n in self.counts.items())
        return f"Seeded {parts} in {seconds:.1f}s"


def seed_city(
    engine: Engine,
    *,
    seed: int = 2026,
    homes: int = 25_000,
    history_days: int = 365,
    reset: bool = False,
    now: datetime | None = None,
) -> SeedReport:
    report = SeedReport()
    with engine.connect() as conn:
        existing = conn.scalar(select(func.count()).select_from(m.Property.__table__))
    if existing and not reset:
        report.skipped = True
        return report
    if existing:
        _clear(engine)
    now = now or datetime.now(UTC)
    # One random stream per part, so that changing the history does not move the homes.
    today = now.astimezone(LONDON).date()
    started = time.perf_counter()
    city = build_city(random.Random(f"{seed}:city"), homes, today)
    operatives, absences = build_operatives(random.Random(f"{seed}:workforce"), today)
    staff = build_staff(random.Random(f"{seed}:staff"), PasswordHasher().hash(DEMO_STAFF_PASSWORD))
    staff_ids = [s["id"] for s in staff if s["role"] == "agent"]
    history = build_history(
        random.Random(f"{seed}:history"), city, operatives, staff_ids, now, history_days
    )
    replies, reply_events = build_satisfaction(
        random.Random(f"{seed}:satisfaction"), history.repairs, history.appointments, now
    )
    report.timings["generate"] = time.perf_counter() - started
    rows = {
        m.Block: city.blocks,
        m.Property: city.properties,
        m.Person: city.persons,
        m.Tenancy: city.tenancies,
        m.TenancyMember: city.members,
        m.StaffUser: staff,
        m.Operative: operatives,
        m.OperativeAbsence: absences,
        m.Repair: history.repairs,
        m.Appointment: history.appointments,
        m.RepairEvent: history.events + reply_events,
        m.SatisfactionResponse: replies,
    }
    started = time.perf_counter()
    with engine.begin() as conn:
        for model in TABLES:
            table = model.__table__
            batch = rows[model]
            for start in range(0, len(batch), CHUNK):
                conn.execute(table.insert(), batch[start : start + CHUNK])
            report.counts[table.name] = len(batch)
        # The out-of-hours rota, then future appointments in the operatives' days.
        report.counts["scheduling_oncall_duty"] = import_oncall_rota(conn, today)
        report.counts["scheduling_booking"] = import_booked_appointments(conn)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    report.timings["insert"] = time.perf_counter() - started
    return report


def _reset_sequences(conn) -> None:
    # Rows went in with explicit ids; move each sequence past them for later inserts.
    for model in TABLES:
        name = model.__table__.name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608 (our names)
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def _clear(engine: Engine) -> None:
    with engine.begin() as conn:
        reset_bookings(conn)
        for model in (*CLEARED_FIRST, *CLEARED_TOO, *reversed(TABLES)):
            conn.execute(model.__table__.delete())
