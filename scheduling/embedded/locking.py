"""What every writing operation of the embedded core shares: day locks and checked keys."""

from __future__ import annotations

import secrets

from sqlalchemy import text
from sqlalchemy.orm import Session

from repairs.references import ALPHABET
from scheduling.embedded.store import bump_revision
from scheduling.port import InvalidJob


def new_reference() -> str:
    return "SB-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


class DayLocks:
    """Serialises writers on the operative-days a change touches, until the caller commits."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self._revision: int | None = None

    def lock(self, days: set[tuple[int, object]]) -> None:
        if self.postgres:
            # Always in the same order, so two rebooks crossing days cannot deadlock.
            for operative_id, day in sorted(days, key=_order):
                self.session.execute(
                    text("SELECT pg_advisory_xact_lock(:a, :b)"),
                    {"a": operative_id, "b": _order((operative_id, day))[1]},
                )
        else:
            # SQLite has one writer at a time: taking the write lock first serialises us.
            self._revision = bump_revision(self.session)

    def revision(self) -> int:
        if self._revision is None:
            self._revision = bump_revision(self.session)
        return self._revision


def _order(item: tuple[int, object]) -> tuple[int, int]:
    # A day locks by its ordinal; None locks the operative's rota (duties), as day 0.
    operative_id, day = item
    return operative_id, 0 if day is None else day.toordinal()


def check_keys(job_reference: str, idempotency_key: str) -> None:
    errors = {}
    if not isinstance(job_reference, str) or not 1 <= len(job_reference) <= 40:
        errors["job_reference"] = "give a job reference of 1 to 40 characters"
    if not isinstance(idempotency_key, str) or not 8 <= len(idempotency_key) <= 80:
        errors["idempotency_key"] = "give an idempotency key of 8 to 80 characters"
    if errors:
        raise InvalidJob("the booking request is not complete", errors)
