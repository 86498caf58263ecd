"""The worker: claims due messages, sends them through the transport, records the outcome.

One round: claim a batch under a lease (and commit), send it with a few threads (no
transaction open while the provider is asked), then record every outcome in one
transaction. A worker killed between sending and recording leaves its rows claimed; once
the lease runs out another worker takes them over and asks the provider whether each got
through before sending it again (``Transport.find``), so nothing is lost or doubled.
Between rounds the scheduler writes the reminders that have come due, and the jobs the
worker was given (``repairs.messaging.jobs``) start in threads of their own when due.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from repairs.messaging import claim as store
from repairs.messaging.content import Letterhead
from repairs.messaging.failures import settle_failure
from repairs.messaging.jobs import Job, Jobs
from repairs.messaging.reminders import enqueue_reminders
from repairs.messaging.settings import WorkerSettings
from repairs.messaging.templates import Urgency
from repairs.messaging.timing import backoff
from repairs.messaging.transports import Accepted, Outgoing, SendFailed, Transport
from repairs.models import OutboundMessage
from repairs.models.base import utcnow

log = logging.getLogger("repairs.messaging")
# Messages about a visit that are void once the visit is no longer booked.
ABOUT_A_VISIT = frozenset({"reminder_day_before", "reminder_morning", "on_the_way"})
# How long a stopping worker waits for its jobs' runs in progress. A run cut short is a
# transaction rolled back, done again at its next time; a supervisor kills us after ten.
JOBS_GRACE_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Outcome:
    claimed: store.Claimed
    kind: str  # accepted | retry | release | failed | cancelled
    accepted: Accepted | None = None
    failure: SendFailed | None = None
    reason: str | None = None  # why it was cancelled
    unknown: bool = False  # the provider may have it


class _Throttle:
    """The provider said "too many requests": nobody in this worker sends until it said."""

    def __init__(self) -> None:
        self._until = 0.0
        self._lock = threading.Lock()

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, time.monotonic() + seconds)

    @property
    def remaining(self) -> float:
        return max(0.0, self._until - time.monotonic())


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class Worker:
    def __init__(
        self,
        sessions: Callable[[], Session],
        transport: Transport,
        settings: WorkerSettings,
        letterhead: Letterhead,
        *,
        name: str | None = None,
        clock: Callable[[], datetime] = utcnow,
        rng: Callable[[], float] = random.random,
        jobs: Sequence[Job] = (),
    ) -> None:
        self.sessions = sessions
        self.transport = transport
        self.settings = settings
        self.letterhead = letterhead
        self.name = name or worker_name()
        self.clock = clock
        self.rng = rng
        self.stats: Counter[str] = Counter()
        self._throttle = _Throttle()
        self._pool = ThreadPoolExecutor(settings.concurrency, thread_name_prefix="send")
        self.jobs = Jobs(jobs, clock)

    # -- the loop ------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Send, schedule and start due jobs until ``stop`` is set; a round in progress is
        finished."""
        log.info("worker started", extra={"fields": {"worker": self.name}})
        next_schedule = 0.0
        try:
            while not stop.is_set():
                if time.monotonic() >= next_schedule:
                    self._safely(self.schedule)
                    next_schedule = time.monotonic() + self.settings.schedule_seconds
                self._safely(self.jobs.start_due)
                handled = self._safely(self.run_once) or 0
                if handled < self.settings.batch_size:
                    stop.wait(max(self.settings.poll_seconds, self._throttle.remaining))
        finally:
            self.close()
            log.info("worker stopped", extra={"fields": {"worker": self.name, **self.stats}})

    def _safely(self, step: Callable[[], object]) -> object:
        # The database or the provider may be away for a while: log it and carry on.
        try:
            return step()
        except Exception:
            log.exception("worker round failed", extra={"fields": {"worker": self.name}})
            return None

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        left = self.jobs.wait(JOBS_GRACE_SECONDS)
        if left:
            log.warning("jobs left unfinished at stop", extra={"fields": {"jobs": left}})

    def schedule(self) -> int:
        """Write the reminders now due; returns how many."""
        with self.sessions() as session:
            written = enqueue_reminders(
                session, self.letterhead, self.settings.reminders, self.clock()
            )
            session.commit()
        if written:
            log.info("reminders written", extra={"fields": {"count": written}})
        return written

    def run_once(self) -> int:
        """One round: claim, send, record. Returns how many messages were claimed."""
        now = self.clock()
        if self._throttle.remaining:
            return 0
        with self.sessions() as session:
            claimed = store.claim(
                session,
                worker=self.name,
                now=now,
                limit=self.settings.batch_size,
                lease=self.settings.lease,
                quiet=self.settings.quiet.contains(now),
            )
        if not claimed:
            return 0
        # No send starts so late that it could outlive the lease.
        margin = 2 * self.settings.send_timeout + 1
        deadline = time.monotonic() + self.settings.lease.total_seconds() - margin
        outcomes = self._attempt_all(claimed, now, deadline)
        with self.sessions() as session:
            self._record(session, outcomes)
            session.commit()
        self.stats.update(outcome.kind for outcome in outcomes)
        return len(claimed)

    # -- sending -------------------------------------------------------------------
    def _attempt_all(
        self, claimed: list[store.Claimed], now: datetime, deadline: float
    ) -> list[Outcome]:
        outcomes, to_send = [], []
        for message in claimed:
            reason = self._void(message, now)
            if reason:
                outcomes.append(Outcome(message, "cancelled", reason=reason))
            else:
                to_send.append(message)
        outcomes += self._pool.map(lambda m: self._attempt(m, deadline), to_send)
        return outcomes

    @staticmethod
    def _void(message: store.Claimed, now: datetime) -> str | None:
        """Why ``message`` is no longer worth sending, if it is not."""
        if message.expires_at is not None and message.expires_at <= now:
            return "expired"
        if message.person_opted_out and message.priority != Urgency.TRANSACTIONAL:
            return "opted_out"
        if message.purpose in ABOUT_A_VISIT and message.appointment_status not in (
            None,
            "booked",
        ):
            return "obsolete"
        return None

    def _attempt(self, message: store.Claimed, deadline: float) -> Outcome:
        if self._throttle.remaining or time.monotonic() > deadline:
            return Outcome(message, "release", unknown=message.outcome_unknown)
        outgoing = Outgoing(
            message.id, message.channel, message.to, message.body, message.created_at
        )
        looking = message.outcome_unknown
        try:
            if looking:
                found = self.transport.find(outgoing)
                if found is not None and not self._taken(found.provider_id, message.id):
                    return Outcome(message, "accepted", accepted=found)
                looking = False
            return Outcome(message, "accepted", accepted=self.transport.send(outgoing))
        except SendFailed as failure:
            if failure.throttled:
                self._throttle.hold(failure.retry_after)
            kind = "failed" if failure.permanent else "retry"
            return Outcome(message, kind, failure=failure, unknown=failure.unsure or looking)

    def _taken(self, provider_id: str, message_id: int) -> bool:
        """Whether the provider's record found belongs to another of our messages."""
        with self.sessions() as session:
            owner = session.scalar(
                select(OutboundMessage.id).where(OutboundMessage.provider_id == provider_id)
            )
        return owner is not None and owner != message_id

    # -- recording -----------------------------------------------------------------
    def _record(self, session: Session, outcomes: list[Outcome]) -> None:
        now = self.clock()
        accepted, retry, cancelled = [], [], []
        for outcome in outcomes:
            message = outcome.claimed
            if outcome.kind == "accepted":
                status = "delivered" if outcome.accepted.provider_status == "delivered" else "sent"
                accepted.append(
                    {
                        "b_id": message.id,
                        "b_status": status,
                        "b_provider_id": outcome.accepted.provider_id,
                        "b_provider_status": outcome.accepted.provider_status[:24],
                        "b_delivered_at": now if status == "delivered" else None,
                    }
                )
            elif outcome.kind == "cancelled":
                cancelled.append({"b_id": message.id, "b_kind": outcome.reason})
            elif outcome.kind == "release":
                retry.append(self._later(message, now, outcome, released=True))
            elif outcome.kind == "retry":
                row = self._later(message, now, outcome)
                if row is None:
                    self._give_up(session, message, outcome, now)
                else:
                    retry.append(row)
            else:
                self._fail(session, message, outcome, now)
        store.record_accepted(session, self.name, now, accepted)
        store.record_retry(session, self.name, now, [r for r in retry if r])
        store.record_cancelled(session, self.name, now, cancelled)
        for outcome in outcomes:
            if outcome.kind in ("retry", "failed"):
                log.warning(
                    "send failed",
                    extra={
                        "fields": {
                            "message_id": outcome.claimed.id,
                            "attempt": outcome.claimed.attempts,
                            "permanent": outcome.kind == "failed",
                            "error": outcome.failure.detail,
                        }
                    },
                )

    def _later(
        self, message: store.Claimed, now: datetime, outcome: Outcome, released: bool = False
    ) -> dict | None:
        """The row for trying again later, or None when it is time to give up."""
        failure = outcome.failure
        if released:
            delay, attempts = self._throttle.remaining, message.attempts - 1
        else:
            s = self.settings
            delay = backoff(message.attempts, s.retry_base_seconds, s.retry_max_seconds, self.rng)
            delay = max(delay, failure.retry_after or 0.0)
            attempts = message.attempts
            if now + timedelta(seconds=delay) > message.created_at + s.retry_for:
                return None
        return {
            "b_id": message.id,
            "b_next": now + timedelta(seconds=delay),
            "b_attempts": attempts,
            "b_error": failure.detail[:500] if failure else None,
            "b_code": failure.code if failure else None,
            "b_unknown": outcome.unknown,
        }

    def _give_up(
        self, session: Session, message: store.Claimed, outcome: Outcome, now: datetime
    ) -> None:
        row = store.still_mine(session, self.name, message.id)
        if row is not None:
            row.outcome_unknown = outcome.unknown
            settle_failure(
                session,
                row,
                kind="gave_up",
                code=outcome.failure.code,
                detail=outcome.failure.detail,
                now=now,
            )

    def _fail(self, session: Session, message: store.Claimed, outcome: Outcome, now) -> None:
        row = store.still_mine(session, self.name, message.id)
        if row is not None:
            failure = outcome.failure
            settle_failure(
                session, row, kind=failure.kind, code=failure.code, detail=failure.detail, now=now
            )
