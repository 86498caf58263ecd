"""``flask scheduling replan|pin|unpin``: re-plan a day, and keep a job where a planner put it."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app

from portal.extensions import db
from portal.scheduling_cli import scheduling_cli
from scheduling import ReplanConflict, SchedulingError

ATTEMPTS = 3


@scheduling_cli.command("replan")
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--seconds", type=click.FloatRange(1, 600), help="Solver time (default: config).")
def replan(day: datetime, seconds: float | None) -> None:
    """Re-assign and re-order DATE's jobs for less travel, keeping every promised window."""
    from portal.wiring import core_for
    from repairs.services.replanning import apply_replan

    core = core_for(current_app)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = apply_replan(db.session, core, day.date(), time_limit_seconds=seconds)
            db.session.commit()
            break
        except ReplanConflict:
            db.session.rollback()
            click.echo(f"Bookings changed while planning; trying again ({attempt}/{ATTEMPTS})")
        except SchedulingError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from None
    else:
        raise click.ClickException("bookings kept changing; nothing was re-planned")
    if result.status == "self_planned":
        click.echo("The scheduling core plans its own days; nothing was asked of it.")
        return
    saving = 1 - result.km_after / result.km_before if result.km_before else 0.0
    click.echo(
        f"Re-plan {result.reference} of {day:%A %d %B %Y}: {result.status} ({result.reason})"
    )
    click.echo(
        f"  {result.jobs} jobs, {result.km_before:.1f} km as booked, {result.km_after:.1f} km "
        f"planned ({saving:.1%} less), solver {result.solver_seconds:.1f} s"
    )
    if result.status == "applied":
        click.echo(
            f"  {len(result.moves)} jobs to another operative, {result.reordered} re-ordered; "
            "every window kept"
        )
        for move in result.moves:
            click.echo(
                f"  {move.booking_reference} {move.job_reference} ({move.window}): "
                f"operative {move.from_operative_id} -> {move.to_operative_id}"
            )


def _pin(reference: str, pinned: bool) -> None:
    from scheduling.embedded.replan import pin

    try:
        row = pin(db.session, reference, pinned)
    except SchedulingError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    state = "pinned to" if pinned else "free to move from"
    click.echo(f"{row.reference} ({row.job_reference}) is {state} operative {row.operative_id}")


@scheduling_cli.command("pin")
@click.argument("booking_reference")
def pin_booking(booking_reference: str) -> None:
    """Keep BOOKING_REFERENCE with its operative: the re-plan will not move it."""
    _pin(booking_reference, True)


@scheduling_cli.command("unpin")
@click.argument("booking_reference")
def unpin_booking(booking_reference: str) -> None:
    """Let the re-plan move BOOKING_REFERENCE again."""
    _pin(booking_reference, False)
