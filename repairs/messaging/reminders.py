"""Reminders: found and written by the worker's scheduler, the day before a visit at a
configured time and again on its morning.

Each appointment is reminded once of each kind (its ``dedupe_key``); an appointment booked
after the reminder time has just had its confirmation and is not reminded again. Several
workers may run the scheduler: on PostgreSQL one at a time holds a transaction-scoped
advisory lock and the others skip the round.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, insert, select, text
from sqlalchemy.orm import Bundle, Session

from common.calendar import LONDON, local
from repairs.messaging.content import Letterhead, repair_values, visit_values
from repairs.messaging.outbox import compose
from repairs.messaging.settings import Reminders
from repairs.models import Appointment, OutboundMessage, Person, Repair

# An arbitrary, fixed key: "the reminder run" across every worker.
_LOCK_KEY = 74_201_108
# Only the columns a reminder needs: thousands of rows, so no full objects.
_VISIT = Bundle("visit", Appointment.id, Appointment.starts_at, Appointment.ends_at)
_REPAIR = Bundle("repair", Repair.id, Repair.reference, Repair.priority, Repair.target_at)
_PERSON = Bundle(
    "person",
    Person.id,
    Person.mobile,
    Person.preferred_language,
    Person.preferred_channel,
    Person.consent_sms,
    Person.consent_whatsapp,
    Person.opted_out_at,
)


def _run_alone(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True  # SQLite: one writer at a time already
    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _LOCK_KEY}))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


def enqueue_reminders(
    session: Session, letterhead: Letterhead, reminders: Reminders, now: datetime
) -> int:
    """Write every reminder now due; returns how many. The caller commits."""
    if not _run_alone(session):
        return 0
    here = local(now)
    written = 0
    if here.time() >= reminders.day_before_at:
        tomorrow = here.date() + timedelta(days=1)
        since = datetime.combine(here.date(), reminders.day_before_at, tzinfo=LONDON)
        # Held by quiet hours past midnight, it would arrive beside the morning's: drop it.
        written += _remind(session, letterhead, "reminder_day_before", tomorrow, since, now)
    if here.time() >= reminders.morning_at:
        since = datetime.combine(here.date(), reminders.morning_at, tzinfo=LONDON)
        written += _remind(session, letterhead, "reminder_morning", here.date(), since, now)
    return written


def _remind(
    session: Session,
    letterhead: Letterhead,
    purpose: str,
    day: date,
    booked_before: datetime,
    now: datetime,
) -> int:
    start, end = _midnight(day), _midnight(day + timedelta(days=1))
    reminded = exists().where(
        OutboundMessage.appointment_id == Appointment.id, OutboundMessage.purpose == purpose
    )
    rows = session.execute(
        select(_VISIT, _REPAIR, _PERSON)
        .join(Repair, Repair.id == Appointment.repair_id)
        .join(Person, Person.id == Repair.reported_by_id)
        .where(
            Appointment.status == "booked",
            Appointment.window != "emergency",
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.ends_at > now,
            Appointment.booked_at < booked_before,
            Person.opted_out_at.is_(None),
            Person.mobile.is_not(None),
            ~reminded,
        )
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    messages = []
    for appointment, repair, person in rows:
        language = person.preferred_language or "en"
        values = repair_values(letterhead, repair) | visit_values(appointment, language)
        message = compose(
            person,
            purpose,
            values,
            translations=letterhead.translations_dir,
            now=now,
            repair_id=repair.id,
            appointment_id=appointment.id,
            expires_at=start if purpose == "reminder_day_before" else appointment.ends_at,
            dedupe_key=f"{purpose}:{appointment.id}",
        )
        if message is not None:
            messages.append(message)
    if messages:
        # One statement for the lot; the unique dedupe key is the last guard against a
        # second run racing this one.
        session.execute(insert(OutboundMessage), messages)
    return len(messages)
