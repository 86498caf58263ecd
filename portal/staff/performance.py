"""Performance, from the data: the figures for a period and patch, as tables and charts
drawn on the server (no JavaScript), and a CSV of the rows behind each."""

from __future__ import annotations

from datetime import date

from flask import abort, render_template, request

from portal.extensions import db
from portal.staff.blueprint import bp
from portal.staff.csv_export import csv_response
from repairs.contact_centre.queues import patches
from repairs.models.base import utcnow
from repairs.performance import figures
from repairs.performance.rows import CSVS
from repairs.performance.satisfaction import satisfaction
from repairs.performance.scope import PRESETS, Scope, preset
from repairs.performance.second_look import second_looks

MAX_DAYS = 3 * 366


def _scope(known: list[str]) -> Scope:
    """The period asked for: a preset, or ``from``/``to`` ISO days (as the CSV links
    carry them); anything unreadable falls back to the last 30 days."""
    now = utcnow()
    patch = request.args.get("patch", "")
    patch = patch if patch in known else ""
    try:
        first = date.fromisoformat(request.args.get("from", ""))
        last = date.fromisoformat(request.args.get("to", ""))
    except ValueError:
        return preset(request.args.get("period", "last_30_days"), now, patch)
    if first > last or (last - first).days > MAX_DAYS:
        return preset("last_30_days", now, patch)
    return Scope(first, last, patch, now)


@bp.get("/performance")
def performance():
    session = db.session
    known = patches(session)
    scope = _scope(known)
    return render_template(
        "staff/performance.html",
        scope=scope,
        period=request.args.get("period", "last_30_days"),
        presets=PRESETS,
        patches=known,
        within=figures.within_target(session, scope),
        kept=figures.appointments_kept(session, scope),
        first=figures.first_visit(session, scope),
        channels=figures.by_channel(session, scope),
        satisfaction=satisfaction(session, scope),
        awaab=figures.awaab(session, scope),
        looks=second_looks(session, scope),
    )


@bp.get("/performance/<figure>.csv")
def performance_csv(figure: str):
    if figure not in CSVS:
        abort(404)
    scope = _scope(patches(db.session))
    header, rows = CSVS[figure]
    name = f"{figure}-{scope.first.isoformat()}-to-{scope.last.isoformat()}"
    if scope.patch:
        name += f"-{scope.patch.lower().replace(' ', '-')}"
    return csv_response(f"{name}.csv", header, rows(db.session, scope))
