"""``flask worker``: the message worker, beside the web app (``make run`` starts both).

It stops on SIGTERM or Ctrl-C once the round in progress is recorded, so a stop never
leaves a message half-sent; a worker killed outright is covered by its lease.
"""

from __future__ import annotations

import logging
import signal
import threading

import click
from flask import current_app
from sqlalchemy.orm import sessionmaker

from portal.extensions import db
from portal.messaging import letterhead_for, transport_for, worker_settings_for
from repairs.messaging.worker import Worker


def build_worker(app, name: str | None = None) -> Worker:
    # The messaging package logs as "repairs.messaging": the same JSON lines as the app.
    messaging_log = logging.getLogger("repairs.messaging")
    messaging_log.handlers[:] = app.logger.handlers
    messaging_log.setLevel(app.config["LOG_LEVEL"])
    messaging_log.propagate = False
    settings = worker_settings_for(app)
    if app.config["ENV_NAME"] == "production" and app.config["MESSAGE_TRANSPORT"] != "twilio":
        app.logger.warning("MESSAGE_TRANSPORT is console: no message will reach a tenant")
    return Worker(
        sessionmaker(db.engine, expire_on_commit=False),
        transport_for(app),
        settings,
        letterhead_for(app),
        name=name,
    )


@click.command("worker")
@click.option("--once", is_flag=True, help="Send what is due now, write due reminders, and exit.")
@click.option("--name", default=None, help="This worker's name in leases and logs.")
def worker(once: bool, name: str | None) -> None:
    """Send queued messages and write reminders until stopped."""
    app = current_app._get_current_object()
    runner = build_worker(app, name)
    if once:
        runner.schedule()
        while runner.run_once():
            pass
        runner.close()
        click.echo(f"worker {runner.name}: {dict(runner.stats) or 'nothing due'}")
        return
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    click.echo(f"worker {runner.name} sending through {runner.transport.name}")
    runner.run(stop)
