"""Operator commands: ``flask db ...`` and ``flask seed``."""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from common.calendar import LONDON
from portal import migrate
from portal.extensions import db

db_cli = AppGroup("db", help="Database migrations.")


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION."""
    migrate.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--rev-id", default=None, help="Sequence id, like 0003.")
def db_revision(message: str, rev_id: str | None) -> None:
    """Write a new migration from the difference between models and database."""
    from alembic import command

    config = migrate.alembic_config(current_app.config["DATABASE_URL"])
    command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


@click.command("seed")
@click.option("--seed", "seed_value", default=2026, show_default=True, help="Random seed.")
@click.option("--homes", default=25_000, show_default=True)
@click.option("--history-days", default=365, show_default=True, help="Days of repair history.")
@click.option("--reset", is_flag=True, help="Delete the demo data and build it again.")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%dT%H:%M"]),
    default=None,
    help="The moment the history runs up to, in London time (default: now).",
)
def seed(seed_value: int, homes: int, history_days: int, reset: bool, as_of) -> None:
    """Build the demo city (deterministic for a given --seed; idempotent)."""
    from repairs.seed import seed_city

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("the demo city is never seeded in production")
    started = time.perf_counter()
    now = as_of.replace(tzinfo=LONDON) if as_of else None
    report = seed_city(
        db.engine, seed=seed_value, homes=homes, history_days=history_days, reset=reset, now=now
    )
    click.echo(report.summary(time.perf_counter() - started))


def register_commands(app: Flask) -> None:
    from bot.cli import bot_cli
    from portal import replan_cli  # noqa: F401  (adds replan, pin and unpin to the group)
    from portal.repairs_cli import repairs_cli
    from portal.scheduling_cli import scheduling_cli
    from portal.video.cli import video_cli
    from portal.worker_cli import worker

    app.cli.add_command(db_cli)
    app.cli.add_command(seed)
    app.cli.add_command(scheduling_cli)
    app.cli.add_command(repairs_cli)
    app.cli.add_command(worker)
    app.cli.add_command(bot_cli)
    app.cli.add_command(video_cli)
