"""``flask repairs ...``: operator commands over the repairs themselves."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.wiring import core_for
from repairs.services.consistency import find_disagreements, orphan_bookings

repairs_cli = AppGroup("repairs", help="Repairs: checks over the data.")


@repairs_cli.command("check")
def check() -> None:
    """Report every repair, appointment or booking that disagrees; exit 1 if any does."""
    found = find_disagreements(db.session, core_for(current_app))
    if not current_app.config.get("SCHEDULING_CORE_URL"):
        found += orphan_bookings(db.session)
    for disagreement in found:
        click.echo(str(disagreement))
    if found:
        click.echo(f"{len(found)} disagreements found", err=True)
        raise SystemExit(1)
    click.echo("repairs, appointments and bookings agree")
