"""What ``flask worker`` runs beside sending, composed here so that the messaging package
never imports the bot, the scheduler or the video services.

- WhatsApp photos (``bot.media.fetch_due``): every round, up to ``PHOTOS_PER_RUN``.
- The nightly re-plan (``NightlyReplan``): looked at every ``WORKER_SCHEDULE_SECONDS``;
  once ``REPLAN_AT`` has come, the next working days are re-planned, once a night.
- Recordings' retention (``purge_recordings``): daily, first when the worker starts.

Each runs in a thread of its own with its own session (an app context: the app's sessions
are per thread), at most one run of each at a time, by the worker's clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flask import Flask

from portal.extensions import db
from portal.video.runtime import unit_of_work
from portal.wiring import core_for
from repairs.messaging.jobs import Clock, Job
from repairs.messaging.settings import WorkerSettings
from repairs.services.replanning import NightlyReplan
from repairs.services.video import purge_recordings
from scheduling.replan.settings import ReplanSettings

PHOTOS_PER_RUN = 50


def worker_jobs(app: Flask, settings: WorkerSettings) -> list[Job]:
    return [
        photos_job(app),
        replan_job(app, timedelta(seconds=settings.schedule_seconds)),
        retention_job(app),
    ]


def photos_job(app: Flask) -> Job:
    from bot.media import fetch_due

    def run(clock: Clock) -> int:
        return fetch_due(app, limit=PHOTOS_PER_RUN, clock=clock)

    return Job("whatsapp photos", run)


def replan_job(app: Flask, every: timedelta) -> Job:
    nightly = NightlyReplan(ReplanSettings.from_config(app.config))

    def run(clock: Clock) -> list[str]:
        with app.app_context():
            results = nightly(db.session, core_for(app), clock())
        return [f"{r.day.isoformat()} {r.status} ({len(r.moves)} moved)" for r in results]

    return Job("nightly re-plan", run, every)


def retention_job(app: Flask) -> Job:
    work = unit_of_work(app)

    def run(clock: Clock) -> int:
        with work() as ctx:
            purged = purge_recordings(replace(ctx, clock=clock))
        return purged.files

    return Job("recordings retention", run, timedelta(days=1))
