"""The embedded scheduling core: the port, over the application's own database.

Offers come from the in-memory roster (milliseconds). Bookings never trust it: each one
locks the operative's day, reads that day afresh, and re-checks the fit before writing,
all inside the caller's transaction, so concurrent bookings can never overfill a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from repairs.models import Block, Property
from scheduling.embedded.emergencies import EmergencyDispatch
from scheduling.embedded.fresh import operative_roster
from scheduling.embedded.locking import DayLocks as _DayLocks
from scheduling.embedded.locking import check_keys as _check_keys
from scheduling.embedded.locking import new_reference as _new_reference
from scheduling.embedded.models import SchedulingBooking
from scheduling.embedded.replan import replan_day
from scheduling.embedded.rota_ops import RotaOperations
from scheduling.embedded.store import (
    RosterCache,
    bump_revision,
    install_change_listener,
    utcnow,
)
from scheduling.planner import Insertion
from scheduling.port import (
    ACTIVE_STATUSES,
    EVENT_KINDS,
    RELEASED_STATUSES,
    Booking,
    BookingClosed,
    BookingNotFound,
    EventHub,
    InvalidJob,
    Job,
    KeyReused,
    OperativeEvent,
    Replan,
    Slot,
    SlotUnavailable,
    UnknownPlace,
)
from scheduling.replan.settings import ReplanSettings
from scheduling.roster import Roster, local_moment, pinned_window
from scheduling.slots import SlotKey, decode
from scheduling.windows import Settings

EVENT_STATUS = {
    "on_the_way": "in_progress",
    "arrived": "in_progress",
    "completed": "completed",
    "no_access": "no_access",
    "follow_on_needed": "follow_on_needed",
}


FINISHED_STATUSES = ("completed", "no_access", "follow_on_needed")


class EmbeddedCore(EmergencyDispatch, RotaOperations):
    """The default scheduling core: ``SchedulingCore`` over the app's database.

    Emergencies (``dispatch``) and the on-call rota live in their own modules, mixed in.
    """

    def __init__(
        self,
        session: Callable[[], Session],
        settings: Settings | None = None,
        cache: RosterCache | None = None,
        clock: Callable[[], datetime] = utcnow,
        events: EventHub | None = None,
        replan_settings: ReplanSettings | None = None,
    ) -> None:
        self._session = session
        self.settings = settings or Settings()
        self.replan_settings = replan_settings or ReplanSettings()
        self.cache = cache or RosterCache(self.settings)
        self.clock = clock
        self.events = events or EventHub()
        install_change_listener()

    @property
    def session(self) -> Session:
        return self._session()

    # -- offers ----------------------------------------------------------------------------
    def offer_slots(self, job: Job, limit: int = 10) -> list[Slot]:
        """Slots a qualified operative can reach, least added travel first."""
        job = self._located(job)
        if not 1 <= limit <= 100:
            raise InvalidJob("ask for 1 to 100 slots", {"limit": "give a number from 1 to 100"})
        now = self.clock()
        with self.cache.lock:
            return self.cache.current(self.session, now).offers(job, now, limit)

    def _located(self, job: Job, with_patch: bool = False) -> Job:
        """The job with its coordinates (and for a dispatch its patch) from its UPRN."""
        placed = job.latitude is not None and job.longitude is not None
        if not job.uprn or placed and (job.patch or not with_patch):
            return job
        for model in (Property, Block):
            found = self.session.execute(
                select(model.latitude, model.longitude, model.patch).where(model.uprn == job.uprn)
            ).first()
            if found:
                if placed:
                    return _replace(job, patch=found[2])
                return _replace(job, latitude=found[0], longitude=found[1], patch=found[2])
        if placed:
            return job
        raise UnknownPlace("we do not know that UPRN", {"uprn": "no home or block has this UPRN"})

    # -- booking ---------------------------------------------------------------------------
    def book(self, slot_id: str, job_reference: str, idempotency_key: str) -> Booking:
        """Take the place a slot offered, or raise SlotUnavailable if it has gone.

        The same idempotency key always answers with the same booking.
        """
        _check_keys(job_reference, idempotency_key)
        if found := self._by_key(idempotency_key, job_reference):
            return found
        key = decode(slot_id)
        locks = _DayLocks(self.session)
        locks.lock({(key.operative_id, key.day)})
        # Another request with this key may have committed while we waited for the lock.
        if found := self._by_key(idempotency_key, job_reference):
            return found
        insertion = self._fit(key)
        if insertion is None:
            raise SlotUnavailable("that slot has gone; choose another")
        row = self._insert(key, insertion, job_reference, idempotency_key, locks, "booked")
        return self._booking(row)

    def rebook(self, booking_reference: str, slot_id: str, idempotency_key: str) -> Booking:
        """Move a booking to another slot: the new place is taken and the old released in
        one transaction, or (if the new slot has gone) nothing changes."""
        old = self._row(booking_reference)
        _check_keys(old.job_reference, idempotency_key)
        if found := self._replayed_rebook(old, idempotency_key):
            return found
        key = decode(slot_id)
        locks = _DayLocks(self.session)
        locks.lock({(key.operative_id, key.day), (old.operative_id, old.day)})
        self.session.refresh(old)
        if found := self._replayed_rebook(old, idempotency_key):
            return found
        if old.status not in ACTIVE_STATUSES:
            raise BookingClosed(f"booking {old.reference} is {old.status} and cannot be moved")
        insertion = self._fit(key, exclude=old.id)
        if insertion is None:
            raise SlotUnavailable("that slot has gone; choose another")
        old.status = "rebooked"
        old.revision = locks.revision()
        row = self._insert(key, insertion, old.job_reference, idempotency_key, locks, "booked")
        row.replaces_id = old.id
        self.session.flush()
        return self._booking(row)

    def cancel(self, booking_reference: str) -> Booking:
        """Release the booking's place. Cancelling a cancelled booking changes nothing."""
        row = self._row(booking_reference)
        if row.status == "cancelled":
            return self._booking(row)
        locks = _DayLocks(self.session)
        locks.lock({(row.operative_id, row.day)})
        self.session.refresh(row)
        if row.status == "cancelled":
            return self._booking(row)
        if row.status not in ACTIVE_STATUSES:
            raise BookingClosed(f"booking {row.reference} is {row.status} and cannot be cancelled")
        row.status = "cancelled"
        row.revision = locks.revision()
        self.session.flush()
        return self._booking(row)

    def get_booking(self, booking_reference: str) -> Booking:
        """The booking as it stands."""
        return self._booking(self._row(booking_reference))

    # -- field events ----------------------------------------------------------------------
    def report_event(self, event: OperativeEvent) -> Booking:
        """Record what happened on a booking and tell the subscribers (the repairs core)."""
        if event.kind not in EVENT_KINDS:
            raise InvalidJob("unknown event", {"kind": "one of " + ", ".join(EVENT_KINDS)})
        row = self._row(event.booking_reference)
        if row.status in RELEASED_STATUSES:
            raise BookingClosed(f"booking {row.reference} is {row.status}")
        # A late event never reopens a finished job (a "arrived" after "completed").
        if row.status not in FINISHED_STATUSES:
            row.status = EVENT_STATUS[event.kind]
            row.revision = bump_revision(self.session)
            self.session.flush()
        self.events.publish(
            _replace(event, job_reference=row.job_reference, operative_id=row.operative_id)
        )
        return self._booking(row)

    # -- re-planning -----------------------------------------------------------------------
    def replan(
        self, day: date, idempotency_key: str | None = None, time_limit_seconds: float | None = None
    ) -> Replan:
        """Re-plan a future day's jobs for least travel, keeping every promise; applied in
        the caller's transaction only if it beats the day as booked by the margin."""
        return replan_day(
            self,
            _DayLocks(self.session),
            self.replan_settings,
            day,
            idempotency_key,
            time_limit_seconds,
        )

    # -- inside ----------------------------------------------------------------------------
    def _fresh_roster(self, key: SlotKey, exclude: int | None = None) -> Roster:
        """A roster of one operative-day, read from the database under the day's lock."""
        today = self.clock().date() - timedelta(days=1)
        return operative_roster(
            self.session, self.settings, key.operative_id, key.day, key.day, today, exclude
        )

    def _fit(self, key: SlotKey, exclude: int | None = None) -> Insertion | None:
        now = self.clock() + timedelta(hours=self.settings.min_lead_hours)
        return self._fresh_roster(key, exclude).fit(key, now)

    def _insert(self, key, insertion, job_reference, idempotency_key, locks, status):
        if key.window == "emergency":
            earliest, latest = pinned_window(insertion.start)
            starts, ends = local_moment(key.day, earliest), local_moment(key.day, latest)
        else:
            window = self.settings.window(key.window)
            starts, ends = local_moment(key.day, window.start), local_moment(key.day, window.end)
        row = SchedulingBooking(
            reference=_new_reference(),
            job_reference=job_reference,
            operative_id=key.operative_id,
            day=key.day,
            window=key.window,
            starts_at=starts,
            ends_at=ends,
            planned_start=local_moment(key.day, insertion.start),
            duration_minutes=key.duration,
            trade=key.trade,
            latitude=key.latitude,
            longitude=key.longitude,
            sequence=insertion.sequence,
            status=status,
            idempotency_key=idempotency_key,
            revision=locks.revision(),
        )
        self.session.add(row)
        self.session.flush()
        return row

    def _replayed_rebook(self, old: SchedulingBooking, idempotency_key: str) -> Booking | None:
        found = self._by_key(idempotency_key, old.job_reference)
        if found is not None and found.replaces != old.reference:
            raise KeyReused(
                "that idempotency key was used for another booking",
                {"idempotency_key": "use a new key for each rebooking"},
            )
        return found

    def _by_key(self, idempotency_key: str, job_reference: str) -> Booking | None:
        row = self.session.scalar(
            select(SchedulingBooking).where(SchedulingBooking.idempotency_key == idempotency_key)
        )
        if row is None:
            return None
        if row.job_reference != job_reference:
            raise KeyReused(
                "that idempotency key was used for another job",
                {"idempotency_key": "use a new key for each booking"},
            )
        return self._booking(row)

    def _row(self, reference: str) -> SchedulingBooking:
        # Only the whole reference finds a booking: a longer string is another reference.
        reference = str(reference)
        row = None
        if len(reference) <= 16:
            row = self.session.scalar(
                select(SchedulingBooking).where(SchedulingBooking.reference == reference)
            )
        if row is None:
            raise BookingNotFound(f"there is no booking {reference[:16]!r}")
        return row

    def _booking(self, row: SchedulingBooking) -> Booking:
        replaces = None
        if row.replaces_id:
            replaces = self.session.get(SchedulingBooking, row.replaces_id).reference
        key = SlotKey(
            row.operative_id,
            row.day,
            row.window,
            row.trade,
            row.duration_minutes,
            row.latitude,
            row.longitude,
        )
        slot = Slot(
            key.encode(), row.window, row.starts_at, row.ends_at, row.operative_id, 0.0, 0.0
        )
        promised, attend_met, make_safe_met = row.promised_arrival, None, None
        if promised is not None and row.attend_by is not None:
            attend_met = promised <= row.attend_by
        if promised is not None and row.make_safe_by is not None:
            make_safe_met = promised + timedelta(minutes=row.duration_minutes) <= row.make_safe_by
        on_call = row.oncall_duty_id is not None
        live = on_call and row.status not in RELEASED_STATUSES
        return Booking(
            reference=row.reference,
            job_reference=row.job_reference,
            slot=slot,
            status=row.status,
            idempotency_key=row.idempotency_key,
            planned_start=row.planned_start,
            replaces=replaces,
            promised_arrival=promised,
            attend_by=row.attend_by,
            make_safe_by=row.make_safe_by,
            attend_met=attend_met,
            make_safe_met=make_safe_met,
            on_call=on_call,
            displaced=self._displaced(row) if live else (),
            reassigned=self._reassigned(row) if on_call else (),
        )


def _replace(value, **changes):
    from dataclasses import replace

    return replace(value, **changes)
