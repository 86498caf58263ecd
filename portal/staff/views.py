"""Finding a tenant: the overview with its search box, the results, the household page,
the repair page and its audit trail (printable, and as CSV)."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from common.calendar import local
from portal.extensions import db
from portal.staff.blueprint import bp
from portal.staff.csv_export import csv_response
from portal.staff.search_cache import current_index
from repairs.contact_centre.audit import COLUMNS, audit_rows
from repairs.contact_centre.household import household_view, repair_view
from repairs.contact_centre.search import MAX_QUERY
from repairs.contact_centre.search import search as run_search
from repairs.models import WorkItem
from repairs.models.base import utcnow
from repairs.queries import open_repairs_by_priority


@bp.get("/")
def overview():
    counts = open_repairs_by_priority(db.session)
    mine = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.assigned_to_id == current_user.staff.id, WorkItem.status == "assigned")
        .order_by(WorkItem.assigned_at)
    ).all()
    return render_template(
        "staff/overview.html", counts=counts, staff=current_user.staff, mine=mine
    )


@bp.get("/search")
def search():
    query = request.args.get("q", "")[:MAX_QUERY]
    found = run_search(db.session, current_index(), query) if query.strip() else None
    return render_template("staff/search.html", query=query, found=found)


@bp.get("/households/<reference>")
def household(reference: str):
    view = household_view(db.session, reference)
    if view is None:
        abort(404)
    current = view.tenancy.is_current(local(utcnow()).date())
    return render_template("staff/household.html", view=view, current=current)


@bp.get("/repairs/<reference>")
def repair(reference: str):
    view = repair_view(db.session, reference)
    if view is None:
        abort(404)
    return render_template("staff/repair.html", view=view, repair=view.repair)


@bp.get("/repairs/<reference>/audit")
def audit(reference: str):
    view = repair_view(db.session, reference)
    if view is None:
        abort(404)
    return render_template("staff/audit.html", view=view, repair=view.repair, now=utcnow())


@bp.get("/repairs/<reference>/audit.csv")
def audit_csv(reference: str):
    view = repair_view(db.session, reference)
    if view is None:
        abort(404)
    ref = view.repair.reference
    return csv_response(f"audit-{ref}.csv", COLUMNS, audit_rows(ref, view.events))
