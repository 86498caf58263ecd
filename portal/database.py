"""The database handle: one engine per app, one session per request or command.

Services only ``flush``; whoever owns the unit of work (a request, a webhook, a worker,
a CLI command) commits once. The session is removed at the end of every app context.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, scoped_session, sessionmaker


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # Foreign keys are off by default in SQLite; WAL lets the worker read while the web writes.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class _Bound:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session = scoped_session(sessionmaker(engine, expire_on_commit=False))


class Database:
    """Each app gets its own engine and session registry; ``db`` finds the current app's."""

    def init_app(self, app: Flask) -> None:
        url = app.config["DATABASE_URL"]
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        bound = _Bound(make_engine(url))
        app.extensions["database"] = bound

        @app.teardown_appcontext
        def _remove_session(_exc: BaseException | None) -> None:
            bound.session.remove()

    @staticmethod
    def _bound() -> _Bound:
        return current_app.extensions["database"]

    @property
    def engine(self) -> Engine:
        return self._bound().engine

    @property
    def session(self) -> scoped_session[Session]:
        return self._bound().session

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
