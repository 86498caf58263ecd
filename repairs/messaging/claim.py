"""Claiming due messages under a lease, and recording what became of them.

On PostgreSQL the claim is ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)``:
workers running at once each take different rows and never wait for one another. SQLite
has one writer at a time, so the same statement is simply serialised there (one worker is
enough on SQLite). A claimed row carries the worker's name and a lease; when the lease
runs out (the worker died) another worker takes it over, first asking the provider
whether the last attempt got through.

Every write after the claim is fenced by ``claimed_by`` and ``status = 'sending'``: a
worker that has lost its lease cannot overwrite what another has since recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, case, or_, select, update
from sqlalchemy.orm import Session

from repairs.messaging.templates import Urgency
from repairs.models import Appointment, OutboundMessage, Person

M = OutboundMessage


@dataclass(frozen=True, slots=True)
class Claimed:
    """A claimed message and what the worker needs to decide about it."""

    id: int
    channel: str
    to: str
    body: str
    purpose: str
    priority: int
    attempts: int
    created_at: datetime
    expires_at: datetime | None
    outcome_unknown: bool
    person_opted_out: bool
    appointment_status: str | None


def claim(
    session: Session,
    *,
    worker: str,
    now: datetime,
    limit: int,
    lease: timedelta,
    quiet: bool,
) -> list[Claimed]:
    """Take up to ``limit`` due messages for ``worker``, most pressing first; commits."""
    due = or_(
        and_(M.status == "queued", M.next_attempt_at <= now),
        and_(M.status == "sending", M.lease_until < now),
    )
    if quiet:
        due = and_(due, M.priority <= int(Urgency.TIME_CRITICAL))
    chosen = (
        select(M.id)
        .where(due)
        .order_by(M.priority, M.next_attempt_at, M.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = session.scalars(
        update(M)
        .where(M.id.in_(chosen.scalar_subquery()))
        .values(
            # A row taken over from an expired lease may already have reached the provider.
            outcome_unknown=case((M.status == "sending", True), else_=M.outcome_unknown),
            status="sending",
            claimed_by=worker,
            lease_until=now + lease,
            attempts=M.attempts + 1,
            updated_at=now,
        )
        .returning(M.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not ids:
        session.commit()
        return []
    rows = session.execute(
        select(
            M.id,
            M.channel,
            M.to,
            M.body,
            M.purpose,
            M.priority,
            M.attempts,
            M.created_at,
            M.expires_at,
            M.outcome_unknown,
            Person.opted_out_at,
            Appointment.status,
        )
        .outerjoin(Person, Person.id == M.person_id)
        .outerjoin(Appointment, Appointment.id == M.appointment_id)
        .where(M.id.in_(ids))
        .order_by(M.priority, M.id)
    ).all()
    session.commit()
    return [Claimed(*row[:10], row[10] is not None, row[11]) for row in rows]


def _fenced(worker: str):
    return update(M).where(M.id == bindparam("b_id"), M.claimed_by == worker, M.status == "sending")


def record_accepted(session: Session, worker: str, now: datetime, rows: list[dict]) -> None:
    """``rows``: b_id, b_status (sent/delivered), b_provider_id, b_provider_status,
    b_delivered_at."""
    if not rows:
        return
    statement = _fenced(worker).values(
        status=bindparam("b_status"),
        provider_id=bindparam("b_provider_id"),
        provider_status=bindparam("b_provider_status"),
        sent_at=now,
        delivered_at=bindparam("b_delivered_at"),
        claimed_by=None,
        lease_until=None,
        outcome_unknown=False,
        last_error=None,
        updated_at=now,
    )
    session.connection().execute(statement, rows)


def record_retry(session: Session, worker: str, now: datetime, rows: list[dict]) -> None:
    """``rows``: b_id, b_next (when), b_attempts, b_error, b_code, b_unknown."""
    if not rows:
        return
    statement = _fenced(worker).values(
        status="queued",
        next_attempt_at=bindparam("b_next"),
        attempts=bindparam("b_attempts"),
        last_error=bindparam("b_error"),
        error_code=bindparam("b_code"),
        outcome_unknown=bindparam("b_unknown"),
        claimed_by=None,
        lease_until=None,
        updated_at=now,
    )
    session.connection().execute(statement, rows)


def record_cancelled(session: Session, worker: str, now: datetime, rows: list[dict]) -> None:
    """``rows``: b_id, b_kind (why it was not worth sending)."""
    if not rows:
        return
    statement = _fenced(worker).values(
        status="cancelled",
        failure_kind=bindparam("b_kind"),
        claimed_by=None,
        lease_until=None,
        updated_at=now,
    )
    session.connection().execute(statement, rows)


def still_mine(session: Session, worker: str, message_id: int) -> OutboundMessage | None:
    """The row, locked, if ``worker`` still holds it."""
    message = session.get(M, message_id, with_for_update=True, populate_existing=True)
    if message is None or message.claimed_by != worker or message.status != "sending":
        return None
    return message
