"""Rate limits for sign-in and one-time codes, counted in the database.

Counting in the database (not in process memory) means several app servers share one
count, and a restart does not hand an attacker a fresh allowance.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from portal.extensions import db
from repairs.models import RateLimitWindow

WINDOW_SECONDS = 3600


def _window_start(now: datetime) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % WINDOW_SECONDS, tz=UTC)


def hit(key: str, limit: int, now: datetime | None = None) -> bool:
    """Count one attempt against ``key``; False once more than ``limit`` fall in the hour.

    Runs in its own transaction so that the count sticks even when the caller's request
    rolls back: a failed sign-in must still count.
    """
    start = _window_start(now or datetime.now(UTC))
    dialect = db.engine.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = RateLimitWindow.__table__
    stmt = insert(table).values(key=key, window_start=start, hits=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.key, table.c.window_start], set_={"hits": table.c.hits + 1}
    )
    with db.engine.begin() as conn:
        conn.execute(stmt)
        hits = conn.execute(
            select(table.c.hits).where(table.c.key == key, table.c.window_start == start)
        ).scalar_one()
    return hits <= limit


def count(key: str, now: datetime | None = None) -> int:
    """How many attempts ``key`` has made this hour, without adding one."""
    start = _window_start(now or datetime.now(UTC))
    table = RateLimitWindow.__table__
    with db.engine.connect() as conn:
        hits = conn.execute(
            select(table.c.hits).where(table.c.key == key, table.c.window_start == start)
        ).scalar()
    return hits or 0
