"""The re-plan seen from the repairs side: appointments follow their moved bookings.

An appointment is one promise seen from two sides (the repair's ``Appointment`` and the
scheduling core's booking), so when the re-plan gives a booking to another operative the
appointment follows in the same transaction, and the audit trail records each move: one
event per moved repair, by the system's "nightly re-plan", through the "system" channel.
No window changes, so tenants get no message.

``run_nightly_replan`` works out which days are due and owns their transactions, one per
day, retrying a day whose bookings changed under the solver. ``NightlyReplan`` is what the
worker calls (``flask worker``, in a thread of its own): the same, asked of the core only
until the night's days are all done.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.calendar import LONDON, is_working_day
from common.codes import Channel
from repairs.audit import Actor, record
from repairs.models import Appointment, Repair
from scheduling import JobMove, Replan, ReplanConflict, SchedulingCore, SchedulingError
from scheduling.replan.settings import ReplanSettings

log = logging.getLogger(__name__)
ACTOR = Actor.system("nightly re-plan")
EVENT_KIND = "appointment_replanned"
RETRIES = 3


def apply_replan(
    session: Session,
    core: SchedulingCore,
    day: date,
    *,
    idempotency_key: str | None = None,
    time_limit_seconds: float | None = None,
) -> Replan:
    """Re-plan ``day`` through the core and move each affected appointment with its booking.

    Flushes; the caller commits (with the embedded core, the bookings, the appointments
    and the audit events then land together). Replaying a re-plan (same key) moves
    nothing twice and writes no second event.
    """
    result = core.replan(day, idempotency_key, time_limit_seconds)
    if result.status == "applied":
        for move in result.moves:
            _follow(session, result, move)
        session.flush()
    return result


def _follow(session: Session, result: Replan, move: JobMove) -> None:
    repair = session.scalar(select(Repair).where(Repair.reference == move.job_reference))
    if repair is None:
        return  # a job booked by another system through the API: nothing of ours to move
    first = datetime.combine(result.day, datetime.min.time(), tzinfo=LONDON)
    appointment = session.scalar(
        select(Appointment)
        .where(
            Appointment.repair_id == repair.id,
            Appointment.status == "booked",
            Appointment.starts_at >= first,
            Appointment.starts_at < first + timedelta(days=1),
        )
        .order_by(Appointment.id.desc())
    )
    if appointment is None or appointment.operative_id == move.to_operative_id:
        return  # already moved (a replayed answer), or no appointment on that day
    before = appointment.operative_id
    appointment.operative_id = move.to_operative_id
    record(
        session,
        repair,
        EVENT_KIND,
        ACTOR,
        Channel.SYSTEM.value,
        changes={
            "operative_id": (before, move.to_operative_id),
            "planned_start": (move.planned_start_before, move.planned_start),
        },
        note=(
            f"Re-plan {result.reference} of {result.day.isoformat()}: another operative, "
            f"the same {move.window} window; the day's travel {result.km_before:.1f} km "
            f"to {result.km_after:.1f} km"
        ),
    )


def due_days(now: datetime, settings: ReplanSettings) -> list[date]:
    """The working days to re-plan at ``now``: none before ``settings.at`` (local time),
    then the next ``settings.days_ahead`` working days after today."""
    local = now.astimezone(LONDON)
    if local.time() < settings.at:
        return []
    days, day = [], local.date()
    while len(days) < settings.days_ahead:
        day += timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return days


def nightly_key(day: date, now: datetime) -> str:
    """One re-plan of a day per night: a second call that night replays the first."""
    return f"nightly:{day.isoformat()}:{now.astimezone(LONDON).date().isoformat()}"


def run_nightly_replan(
    session: Session, core: SchedulingCore, now: datetime, settings: ReplanSettings
) -> list[Replan]:
    """Re-plan every day that is due at ``now``, one transaction per day; safe to call as
    often as the worker likes (each day is re-planned once a night).

    A day whose bookings changed while the solver ran is tried again, up to three times;
    a core that fails is logged and the next day is still tried.
    """
    results = []
    for day in due_days(now, settings):
        for attempt in range(1, RETRIES + 1):
            try:
                result = apply_replan(
                    session,
                    core,
                    day,
                    idempotency_key=nightly_key(day, now),
                    time_limit_seconds=settings.time_limit_seconds,
                )
                session.commit()
            except ReplanConflict:
                session.rollback()
                log.info("re-plan of %s met new bookings (attempt %d)", day, attempt)
                continue
            except SchedulingError as error:
                session.rollback()
                log.warning("re-plan of %s failed: %s", day, error)
                break
            results.append(result)
            log.info("re-plan of %s: %s (%s)", day, result.status, result.reason)
            break
    return results


class NightlyReplan:
    """The nightly run as the worker calls it, as often as it likes: once every day due
    tonight has an answer (applied, discarded, or planned by the core itself), the core
    is not asked again until the next night. A day that failed is tried at the next call,
    at most ``TRIES_A_NIGHT`` times in all, so a core that keeps failing does not spend
    the evening's CPU solving the same day again and again.

    Not thread-safe: the worker runs it in one thread at a time.
    """

    TRIES_A_NIGHT = 3

    def __init__(self, settings: ReplanSettings) -> None:
        self.settings = settings
        self.done_night: date | None = None
        self.tries: tuple[date, int] | None = None  # (night, runs so far that night)

    def __call__(self, session: Session, core: SchedulingCore, now: datetime) -> list[Replan]:
        days = due_days(now, self.settings)
        night = now.astimezone(LONDON).date()
        if not days or self.done_night == night:
            return []
        tried = self.tries[1] if self.tries and self.tries[0] == night else 0
        if tried >= self.TRIES_A_NIGHT:
            return []
        self.tries = (night, tried + 1)
        results = run_nightly_replan(session, core, now, self.settings)
        if len(results) == len(days):
            self.done_night = night
        elif tried + 1 == self.TRIES_A_NIGHT:
            log.warning(
                "re-plan of %s gave up for tonight after %d tries",
                ", ".join(d.isoformat() for d in days),
                self.TRIES_A_NIGHT,
            )
        return results
