"""``flask worker``: the message worker, beside the web app (``make run`` starts both).

Beside sending it runs the jobs of ``portal.worker_jobs`` (WhatsApp photos, the nightly
re-plan, recordings' retention), each in a thread of its own. It stops on SIGTERM or
Ctrl-C once the round in progress is recorded, so a stop never leaves a message
half-sent; a worker killed outright is covered by its lease.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import datetime

import click
from flask import current_app
from sqlalchemy.orm import sessionmaker

from portal.extensions import db
from portal.messaging import letterhead_for, transport_for, worker_settings_for
from portal.worker_jobs import worker_jobs
from repairs.messaging.worker import Worker
from repairs.models.base import utcnow


def build_worker(app, name: str | None = None, clock: Callable[[], datetime] = utcnow) -> Worker:
    settings = worker_settings_for(app)
    if app.config["ENV_NAME"] == "production" and app.config["MESSAGE_TRANSPORT"] != "twilio":
        app.logger.warning("MESSAGE_TRANSPORT is console: no message will reach a tenant")
    return Worker(
        sessionmaker(db.engine, expire_on_commit=False),
        transport_for(app),
        settings,
        letterhead_for(app),
        name=name,
        clock=clock,
        jobs=worker_jobs(app, settings),
    )


def _log_as_the_app(app) -> None:
    # What the worker runs logs as "repairs.*", "bot.*" and "scheduling.*": the same JSON
    # lines as the app.
    for name in ("repairs", "bot", "scheduling"):
        logger = logging.getLogger(name)
        logger.handlers[:] = app.logger.handlers
        logger.setLevel(app.config["LOG_LEVEL"])
        logger.propagate = False


@click.command("worker")
@click.option(
    "--once",
    is_flag=True,
    help="Send what is due now, write due reminders, run the jobs due, and exit.",
)
@click.option("--name", default=None, help="This worker's name in leases and logs.")
def worker(once: bool, name: str | None) -> None:
    """Send queued messages, write reminders and run the worker's jobs until stopped."""
    app = current_app._get_current_object()
    _log_as_the_app(app)
    runner = build_worker(app, name)
    if once:
        runner.schedule()
        runner.jobs.start_due()
        while runner.run_once():
            pass
        runner.jobs.wait()
        runner.close()
        click.echo(f"worker {runner.name}: {dict(runner.stats) or 'nothing due'}")
        return
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    click.echo(f"worker {runner.name} sending through {runner.transport.name}")
    runner.run(stop)
