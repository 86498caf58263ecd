"""The port: what the rest of the code may ask of a scheduling core, and what it tells us.

Everything here is a plain value. The embedded core (``scheduling.embedded``) and the HTTP
adapter (``scheduling.http_client``) both implement ``SchedulingCore``, so the portal can
point at a remote core by configuration and nothing else changes.

Transactions: the embedded core joins the caller's unit of work (it flushes, the caller
commits, as every service here does); a remote core's booking is durable when the call
returns. Callers therefore commit straight after booking, and rely on the idempotency key
to make a retry after a failure safe on either core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from common.codes import FieldEvent, Priority, values

PRIORITIES = values(Priority)
EVENT_KINDS = values(FieldEvent)
# Statuses in which a booking can still be cancelled or moved.
ACTIVE_STATUSES = ("booked", "dispatched")
# Statuses that no longer take any of the operative's time.
RELEASED_STATUSES = ("cancelled", "rebooked")


@dataclass(frozen=True)
class Job:
    """A piece of work to place: where, which trade, how long, and by when."""

    reference: str
    trade: str
    duration_minutes: int
    latitude: float | None = None
    longitude: float | None = None
    priority: str = "routine"
    earliest: date | None = None
    latest: date | None = None
    # Weekdays as 0=Monday .. 6=Sunday, and window names such as "morning".
    preferred_days: frozenset[int] = field(default_factory=frozenset)
    preferred_windows: frozenset[str] = field(default_factory=frozenset)
    uprn: str | None = None
    # The landlord's patch the home is in: on-call operatives answer first in their own
    # patches. Filled from the UPRN when the core knows the home.
    patch: str | None = None


@dataclass(frozen=True)
class Slot:
    """An appointment window a real operative can reach; ``id`` is what a booking quotes."""

    id: str
    window: str
    starts_at: datetime
    ends_at: datetime
    operative_id: int | None
    added_travel_km: float
    score: float


@dataclass(frozen=True)
class Booking:
    """A place held for one job. Emergencies also carry the promise made and the targets.

    For a dispatched emergency: ``promised_arrival`` is when the operative will arrive
    (``slot.operative_id`` is who), ``attend_by`` and ``make_safe_by`` are the two targets
    counted from the dispatch, and ``attend_met`` / ``make_safe_met`` say whether the
    promise keeps them. ``on_call`` is true for a call-out by an on-call operative (out of
    hours); ``displaced`` names the operative's booked appointments whose windows the rest
    after this call-out no longer lets them keep and no colleague could take over: the
    caller must rebook those with the tenant. ``reassigned`` pairs (old, new) booking
    references of jobs the core moved to a colleague for the same day and window (the
    old booking is now ``rebooked``): the tenant's promise stands, the operative changed.
    """

    reference: str
    job_reference: str
    slot: Slot
    status: str
    idempotency_key: str
    planned_start: datetime | None = None
    replaces: str | None = None
    promised_arrival: datetime | None = None
    attend_by: datetime | None = None
    make_safe_by: datetime | None = None
    attend_met: bool | None = None
    make_safe_met: bool | None = None
    on_call: bool = False
    displaced: tuple[str, ...] = ()
    reassigned: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class OnCallDuty:
    """One operative on call for some trades and patches, from one time to another.

    ``patches`` empty means the whole city. ``max_callouts`` empty means the core's
    setting. ``kind`` (weeknight, weekend or bank_holiday) and ``callouts`` (how many
    call-outs the duty has taken) are filled in by the core when it answers.
    """

    operative_id: int
    starts_at: datetime
    ends_at: datetime
    trades: frozenset[str]
    patches: frozenset[str] = frozenset()
    max_callouts: int | None = None
    id: int | None = None
    kind: str = ""
    callouts: int = 0
    operative_name: str = ""


@dataclass(frozen=True)
class Rota:
    """Who is on call on one day (duties overlapping it), with the targets that apply."""

    day: date
    attend_hours: float
    make_safe_hours: float
    rest_hours: float
    max_callouts: int
    duties: tuple[OnCallDuty, ...]


@dataclass(frozen=True)
class OperativeEvent:
    """Something that happened in the field, sent back by the scheduling core."""

    id: str
    booking_reference: str
    kind: str
    occurred_at: datetime
    job_reference: str = ""
    operative_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class JobMove:
    """One job the re-plan gave to another operative; its window never changes."""

    booking_reference: str
    job_reference: str
    window: str
    from_operative_id: int
    to_operative_id: int
    planned_start_before: datetime | None = None
    planned_start: datetime | None = None


# What a re-plan did: the plan replaced the day's routes, was not good enough to (or kept
# no promise the day had), or the core plans its days for itself and was not asked to.
REPLAN_STATUSES = ("applied", "discarded", "self_planned")


@dataclass(frozen=True)
class Replan:
    """The outcome of re-planning one day, applied or not, with every job it moved."""

    day: date
    status: str
    reference: str | None = None
    jobs: int = 0
    km_before: float = 0.0
    km_after: float = 0.0
    moves: tuple[JobMove, ...] = ()
    reordered: int = 0
    solver_seconds: float = 0.0
    reason: str = ""


class SchedulingError(Exception):
    """Base class: every failure the port reports is one of these."""


class SlotUnavailable(SchedulingError):
    """The slot has gone (another booking took the place) or never existed."""


class BookingNotFound(SchedulingError):
    """No booking has that reference."""


class InvalidJob(SchedulingError):
    """The request cannot be planned as asked: bad values, an emergency asking for slots."""

    def __init__(self, message: str, field_errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}


class UnknownPlace(InvalidJob):
    """The job names a home (by UPRN) that the core does not know."""


class DutyRefused(InvalidJob):
    """The rota's rules refuse the duty (its length, the operative's trades, shifts,
    absences or other duties): a conflict with the rota, each rule named per field."""


class DayNotPlannable(InvalidJob):
    """The day cannot be re-planned now: it has begun, or lies past the horizon."""


class KeyReused(InvalidJob):
    """The idempotency key already made a different booking: a conflict, not bad input."""


class BookingClosed(SchedulingError):
    """The booking is cancelled, rebooked or finished, so it cannot change that way."""


class AttendTargetMissed(SchedulingError):
    """No operative can arrive within the attend target; nothing was booked.

    The caller should put the repair on the contact centre's queue at once. The soonest
    anyone can come is ``earliest_arrival`` (operative ``operative_id``, on call or not);
    dispatching again with ``accept_late=True`` books exactly that, if the caller wants
    someone on the way while staff look for better.
    """

    def __init__(
        self,
        message: str,
        attend_by: datetime | None = None,
        make_safe_by: datetime | None = None,
        earliest_arrival: datetime | None = None,
        operative_id: int | None = None,
        on_call: bool = False,
    ) -> None:
        super().__init__(message)
        self.attend_by = attend_by
        self.make_safe_by = make_safe_by
        self.earliest_arrival = earliest_arrival
        self.operative_id = operative_id
        self.on_call = on_call


class NoOperativeAvailable(AttendTargetMissed):
    """No qualified operative can make an emergency safe inside the make-safe target.

    A kind of AttendTargetMissed (nobody can attend either), with no arrival to offer.
    """


class DutyNotFound(SchedulingError):
    """No on-call duty has that id."""


class DutyInUse(SchedulingError):
    """The duty has taken call-outs, so it stays on the record."""


class ReplanConflict(SchedulingError):
    """Bookings changed while the solver ran and the plan no longer fits: run it again."""


class CoreUnavailable(SchedulingError):
    """A remote core did not answer, or answered with something we cannot read."""


EventHandler = Callable[[OperativeEvent], None]


class EventHub:
    """Delivers operative events to whoever subscribed (the repairs core, in practice)."""

    def __init__(self) -> None:
        self._handlers: list[EventHandler] = []

    def subscribe(self, handler: EventHandler) -> None:
        if handler not in self._handlers:
            self._handlers.append(handler)

    def unsubscribe(self, handler: EventHandler) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def publish(self, event: OperativeEvent) -> None:
        for handler in list(self._handlers):
            handler(event)


@runtime_checkable
class SchedulingCore(Protocol):
    """The operations the rest of the code may use."""

    events: EventHub

    def offer_slots(self, job: Job, limit: int = 10) -> list[Slot]:
        """Windows a qualified operative can reach, least added travel first."""

    def book(self, slot_id: str, job_reference: str, idempotency_key: str) -> Booking:
        """Take a place; raises SlotUnavailable if it has gone. Same key, same booking."""

    def rebook(self, booking_reference: str, slot_id: str, idempotency_key: str) -> Booking:
        """Move a booking: the old place is released with the new one taken, or neither."""

    def cancel(self, booking_reference: str) -> Booking:
        """Release the place; cancelling twice is harmless."""

    def get_booking(self, booking_reference: str) -> Booking:
        """The booking as it stands; raises BookingNotFound."""

    def dispatch(
        self, job: Job, idempotency_key: str | None = None, accept_late: bool = False
    ) -> Booking:
        """Send an emergency to the operative who can arrive soonest, on shift or on call.

        Raises AttendTargetMissed when nobody can arrive within the attend target (unless
        ``accept_late``), and NoOperativeAvailable when nobody can make it safe in time.
        """

    def report_event(self, event: OperativeEvent) -> Booking:
        """Record a field event on its booking and deliver it to subscribers."""

    def replan(
        self, day: date, idempotency_key: str | None = None, time_limit_seconds: float | None = None
    ) -> Replan:
        """Re-assign and re-order a future day's booked jobs for less travel, keeping every
        promised window; applied only if it beats the day as booked by the core's margin.
        Raises ReplanConflict if bookings changed under it; the same key, the same answer.
        """

    def rota(self, day: date) -> Rota:
        """Who is on call on ``day`` (London), with the emergency targets."""

    def add_duty(self, duty: OnCallDuty) -> OnCallDuty:
        """Put an operative on call; raises InvalidJob naming what breaks the rota's rules."""

    def remove_duty(self, duty_id: int) -> OnCallDuty:
        """Take a duty off the rota; DutyInUse once it has taken a call-out."""
