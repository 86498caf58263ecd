"""``flask scheduling ...``: API tokens, an operative's day, and capacity by trade and day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from common.calendar import LONDON
from portal.extensions import db

scheduling_cli = AppGroup("scheduling", help="The scheduling core.")
token_cli = AppGroup("token", help="Tokens for the scheduling API.")
scheduling_cli.add_command(token_cli)


@token_cli.command("create")
@click.argument("name")
def token_create(name: str) -> None:
    """Issue a token for NAME; it is shown once, as the last word of the last line."""
    from scheduling.embedded.tokens import create_token

    try:
        token = create_token(db.session, name)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from None
    db.session.commit()
    click.echo("Store this token now: it cannot be shown again.")
    click.echo(f"Scheduling API token for {name}: {token}")


@token_cli.command("revoke")
@click.argument("name")
def token_revoke(name: str) -> None:
    """Revoke every live token issued to NAME."""
    from scheduling.embedded.tokens import revoke_tokens

    count = revoke_tokens(db.session, name)
    db.session.commit()
    if not count:
        raise click.ClickException(f"no live token is called {name!r}")
    click.echo(f"Revoked {count} token{'s' if count != 1 else ''} for {name}")


def _roster(first: date):
    from scheduling.embedded.store import RosterCache
    from scheduling.windows import Settings

    cache = RosterCache(Settings.from_config(current_app.config))
    now = datetime.combine(first, datetime.min.time(), tzinfo=LONDON)
    return cache.current(db.session, now)


@scheduling_cli.command("day")
@click.argument("operative_id", type=int)
@click.argument("day", type=click.DateTime(["%Y-%m-%d"]))
def show_day(operative_id: int, day: datetime) -> None:
    """An operative's route for DAY (YYYY-MM-DD): jobs, times and kilometres."""
    from sqlalchemy import select

    from scheduling.embedded.models import SchedulingBooking
    from scheduling.port import RELEASED_STATUSES

    roster = _roster(min(day.date(), datetime.now(LONDON).date()))
    op = roster.operatives.get(operative_id)
    if op is None:
        raise click.ClickException(f"there is no active operative {operative_id}")
    route = roster.route(operative_id, day.date()) or roster.routes.get((operative_id, day.date()))
    click.echo(f"{op.name} ({', '.join(sorted(op.trades))}, {op.patch}) on {day:%A %d %B %Y}")
    rows = {
        b.id: b
        for b in db.session.scalars(
            select(SchedulingBooking).where(
                SchedulingBooking.operative_id == operative_id,
                SchedulingBooking.day == day.date(),
                SchedulingBooking.status.not_in(RELEASED_STATUSES),
            )
        )
    }
    for b in sorted(rows.values(), key=lambda b: b.planned_start):
        if b.oncall_duty_id is not None:
            at = b.promised_arrival.astimezone(LONDON)
            click.echo(
                f"  call-out {at:%H:%M}  {b.duration_minutes:>3} min  "
                f"{b.reference} {b.job_reference} ({b.trade}), on call"
            )
    if route is None:
        click.echo("  not working that day")
        return
    click.echo(f"  shift {_clock(route.shift_start)}-{_clock(route.shift_end)}")
    for stop, start in zip(route.stops, route.planned_starts(), strict=True):
        b = rows.get(stop.key)
        label = f"{b.reference} {b.job_reference} {b.window} ({b.trade})" if b else stop.key
        label += " pinned" if b is not None and b.pinned else ""
        click.echo(f"  {_clock(start)}  {stop.duration:>3} min  {label}")
    if route.feasible:
        state = "fits"
    elif route.keeps_promises:
        state = "fits, running into overtime for an emergency"
    else:
        state = "OVERFULL: the promised windows cannot all be kept"
    if route.shift_start > (op.pattern.get(day.weekday(), (0, 0))[0]):
        state += f"; starts {_clock(route.shift_start)}, after the rest owed for a call-out"
    click.echo(
        f"  {len(route.stops)} jobs, {route.route_km():.1f} km, "
        f"{route.free_minutes():.0f} minutes free; {state}"
    )


def _clock(minutes: float) -> str:
    minutes = round(minutes)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@scheduling_cli.command("capacity")
@click.option("--days", default=10, show_default=True, help="Days ahead, from today.")
@click.option("--trade", default=None, help="Only this trade.")
def capacity(days: int, trade: str | None) -> None:
    """Hours still free per trade and day, with how many operatives are working."""
    today = datetime.now(LONDON).date()
    roster = _roster(today)
    trades = [trade] if trade else sorted(roster.by_trade)
    span = [today + timedelta(days=n) for n in range(days)]
    span = [d for d in span if roster.is_open(d)]
    click.echo("trade".ljust(20) + "".join(f"{d:%a %d}".rjust(12) for d in span))
    for name in trades:
        free, working = defaultdict(float), defaultdict(int)
        for op in roster.by_trade.get(name, []):
            for d in span:
                route = roster.route(op.id, d)
                if route is not None:
                    free[d] += route.free_minutes()
                    working[d] += 1
        cells = "".join(f"{free[d] / 60:.0f}h/{working[d]}".rjust(12) for d in span)
        click.echo(name.ljust(20) + cells)
    click.echo("(free hours / operatives working)")


@scheduling_cli.command("oncall")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="YYYY-MM-DD (today)."
)
def oncall(day: datetime | None) -> None:
    """Who is on call on a day: by period, trade, operative and patches, with call-outs."""
    from portal.wiring import embedded_core_for

    on = day.date() if day else datetime.now(LONDON).date()
    rota = embedded_core_for(current_app).rota(on)
    click.echo(
        f"On call on {on:%A %d %B %Y}: attend within {rota.attend_hours:g} h, make safe "
        f"within {rota.make_safe_hours:g} h; {rota.rest_hours:g} h rest after a call-out "
        f"before the next shift; at most {rota.max_callouts} call-outs a night"
    )
    periods = defaultdict(list)
    for duty in rota.duties:
        periods[(duty.starts_at, duty.ends_at, duty.kind)].append(duty)
    for (starts, ends, kind), duties in sorted(periods.items()):
        click.echo(f"  {kind:<13}{_when(starts)} to {_when(ends)}")
        for duty in sorted(duties, key=lambda d: (sorted(d.trades), d.operative_id)):
            where = ", ".join(sorted(duty.patches)) or "whole city"
            cap = duty.max_callouts or rota.max_callouts
            click.echo(
                f"    {', '.join(sorted(duty.trades)):<30}{duty.operative_name} "
                f"(#{duty.operative_id})".ljust(64)
                + f"{where:<24}{duty.callouts} of {cap} call-outs"
            )
    if not rota.duties:
        click.echo("  nobody is on call")
    covered = {trade for duty in rota.duties for trade in duty.trades}
    held = _trades_held()
    if held - covered:
        click.echo(f"  no cover out of hours for: {', '.join(sorted(held - covered))}")


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%a %d %b %H:%M}"


def _trades_held() -> set[str]:
    from sqlalchemy import select

    from repairs.models import Operative

    trades = db.session.scalars(select(Operative.trades).where(Operative.active.is_(True)))
    return {trade for held in trades for trade in held or ()}
