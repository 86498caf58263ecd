"""Reading the horizon from the database, and the change counter that keeps caches honest.

An offer must answer in milliseconds, so each process keeps a Roster in memory. Every
booking change bumps a counter in the same transaction and stamps its rows with the new
value; before an offer, one tiny query says whether anything moved, and only the rows
that moved are read again. Operative edits (and reseeding) change the epoch instead,
which sends every process back to a full reload.
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from common.calendar import LONDON
from repairs.models import Operative, OperativeAbsence
from scheduling.embedded.models import (
    SchedulingBooking,
    SchedulingOnCallDuty,
    SchedulingRevision,
)
from scheduling.embedded.oncall_store import callout_for, load_duties
from scheduling.planner import Stop
from scheduling.port import RELEASED_STATUSES
from scheduling.roster import OperativeInfo, Roster, parse_pattern
from scheduling.windows import Settings

# Operatives can be edited outside the ORM (bulk loads); reload them at least this often.
OPERATIVES_MAX_AGE_SECONDS = 300


def bump_revision(session, new_epoch: bool = False) -> int:
    """Advance the change counter in the caller's transaction and return its new value.

    ``session`` is a Session or a Connection (the seed writes through a Connection).

    On SQLite this write is also what serialises bookings: it takes the database's write
    lock, which is held until the caller commits.
    """
    table = SchedulingRevision.__table__
    bind = session.get_bind() if hasattr(session, "get_bind") else session
    dialect = bind.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    epoch = uuid.uuid4().hex
    stmt = insert(table).values(id=1, epoch=epoch, value=1)
    changes = {"value": table.c.value + 1}
    if new_epoch:
        changes["epoch"] = epoch
    stmt = stmt.on_conflict_do_update(index_elements=[table.c.id], set_=changes)
    return session.execute(stmt.returning(table.c.value)).scalar_one()


def _operatives_changed(session: Session, _context, _instances) -> None:
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, WORKFORCE) for obj in touched):
        bump_revision(session, new_epoch=True)


# Changes to any of these send every cache back to a full reload.
WORKFORCE = (Operative, OperativeAbsence, SchedulingOnCallDuty)


def install_change_listener() -> None:
    """Any ORM change to operatives, absences or the rota tells every cache to reload."""
    if not event.contains(Session, "before_flush", _operatives_changed):
        event.listen(Session, "before_flush", _operatives_changed)


def operative_info(op: Operative, absences: list[OperativeAbsence]) -> OperativeInfo:
    return OperativeInfo(
        id=op.id,
        trades=frozenset(op.trades or ()),
        home_latitude=op.home_latitude,
        home_longitude=op.home_longitude,
        pattern=parse_pattern(op.working_pattern),
        absences=tuple((a.starts_on, a.ends_on) for a in absences),
        patch=op.patch,
        name=op.name,
    )


def load_operatives(session: Session, today: date, ids: list[int] | None = None) -> dict:
    query = select(Operative).where(Operative.active.is_(True))
    absence_query = select(OperativeAbsence).where(OperativeAbsence.ends_on >= today)
    if ids is not None:
        query = query.where(Operative.id.in_(ids))
        absence_query = absence_query.where(OperativeAbsence.operative_id.in_(ids))
    absences: dict[int, list] = {}
    for absence in session.scalars(absence_query):
        absences.setdefault(absence.operative_id, []).append(absence)
    return {op.id: operative_info(op, absences.get(op.id, [])) for op in session.scalars(query)}


def _minutes(moment: datetime, day: date) -> int:
    local = moment.astimezone(LONDON)
    if local.date() > day:
        return 24 * 60
    return local.hour * 60 + local.minute


def stop_for(row) -> Stop:
    return Stop(
        key=row.id,
        latitude=row.latitude,
        longitude=row.longitude,
        window_start=_minutes(row.starts_at, row.day),
        window_end=_minutes(row.ends_at, row.day),
        duration=row.duration_minutes,
        sequence=row.sequence,
    )


BOOKING_COLUMNS = [
    SchedulingBooking.id,
    SchedulingBooking.operative_id,
    SchedulingBooking.day,
    SchedulingBooking.starts_at,
    SchedulingBooking.ends_at,
    SchedulingBooking.duration_minutes,
    SchedulingBooking.latitude,
    SchedulingBooking.longitude,
    SchedulingBooking.sequence,
    SchedulingBooking.status,
    SchedulingBooking.planned_start,
    SchedulingBooking.oncall_duty_id,
]


def day_rows(session: Session, operative_id: int, day: date, exclude: int | None = None):
    """The bookings taking time in one operative's day, read fresh (under the day's lock).

    Call-outs are not in any day route; their rest reaches the day through the roster.
    """
    query = select(*BOOKING_COLUMNS).where(
        SchedulingBooking.operative_id == operative_id,
        SchedulingBooking.day == day,
        SchedulingBooking.status.not_in(RELEASED_STATUSES),
        SchedulingBooking.oncall_duty_id.is_(None),
    )
    if exclude is not None:
        query = query.where(SchedulingBooking.id != exclude)
    return session.execute(query).all()


class RosterCache:
    """One process's view of the horizon, refreshed incrementally before each use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.roster: Roster | None = None
        self.epoch: str | None = None
        self.value = 0
        self.today: date | None = None
        self.loaded_at = 0.0
        self.placed: dict[int, tuple[int, date]] = {}

    def current(self, session: Session, now: datetime) -> Roster:
        """The roster as of the last committed change. Call with ``self.lock`` held."""
        row = session.execute(select(SchedulingRevision.epoch, SchedulingRevision.value)).first()
        today = now.astimezone(LONDON).date()
        stale = (
            self.roster is None
            or row is None  # no counter yet (a new or emptied database): trust nothing
            or row.epoch != self.epoch
            or today != self.today
            or time.monotonic() - self.loaded_at > OPERATIVES_MAX_AGE_SECONDS
        )
        if stale:
            self._reload(session, today, row)
        elif row.value != self.value:
            self._apply_changes(session, row.value)
        return self.roster

    def _reload(self, session: Session, today: date, row) -> None:
        self.roster = Roster(self.settings, load_operatives(session, today))
        self.placed = {}
        self.epoch, self.value = (row.epoch, row.value) if row else (None, 0)
        self.today, self.loaded_at = today, time.monotonic()
        last = today + timedelta(days=self.settings.horizon_days + 1)
        # Yesterday's duties and call-outs too: a night's rest reaches into this morning.
        for duty in load_duties(session, today - timedelta(days=1), last):
            self.roster.oncall.add_duty(duty)
        rows = session.execute(
            select(*BOOKING_COLUMNS).where(
                SchedulingBooking.day >= today - timedelta(days=1),
                SchedulingBooking.day <= last,
                SchedulingBooking.status.not_in(RELEASED_STATUSES),
            )
        )
        for booking in rows:
            self._place(booking)

    def _apply_changes(self, session: Session, value: int) -> None:
        rows = session.execute(
            select(*BOOKING_COLUMNS).where(SchedulingBooking.revision > self.value)
        )
        for booking in rows:
            where = self.placed.pop(booking.id, None)
            if where:
                self.roster.unplace(*where, booking.id)
            if booking.status not in RELEASED_STATUSES:
                self._place(booking)
        self.value = value

    def _place(self, booking) -> None:
        if booking.oncall_duty_id is not None:
            if booking.day < self.today - timedelta(days=1):
                return
            self.roster.place_callout(callout_for(booking))
        elif booking.day >= self.today:
            self.roster.place(booking.operative_id, booking.day, stop_for(booking))
        else:
            return
        self.placed[booking.id] = (booking.operative_id, booking.day)


def utcnow() -> datetime:
    return datetime.now(UTC)
