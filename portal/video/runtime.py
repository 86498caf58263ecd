"""Running the video service from the portal's configuration: its settings, and the unit
of work through which it reaches the repairs (the services' context, committed once)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from portal.extensions import db
from portal.wiring import services
from repairs.services import Context
from video.settings import Settings
from video.store import CallStore


def unit_of_work(app: Flask):
    """A factory of units of work over ``app``'s database, for another thread or process."""

    @contextmanager
    def work() -> Iterator[Context]:
        with app.app_context():
            try:
                yield services(app)
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise

    return work


def video_settings(app: Flask) -> Settings:
    return Settings.from_config(app.config)


def call_store(app: Flask) -> CallStore:
    return CallStore(unit_of_work(app))
