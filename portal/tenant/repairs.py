"""My repairs: open ones first, then the history; each repair with its timeline, target
date, Awaab's Law dates and photos."""

from __future__ import annotations

from flask import abort, render_template, request, send_file
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.tenant.blueprint import bp
from portal.tenant.calls import actor, household
from portal.tenant.timeline import timeline
from portal.wiring import services
from repairs.models import Appointment, Repair
from repairs.queries import RepairView, household_repair, household_repairs
from repairs.references import normalise_reference
from repairs.services import ServiceError
from repairs.services.booking import BOOKABLE, check_change_allowed
from repairs.services.photos import photo_path

AWAAB_DATES = (
    ("awaab_investigate_by", _l("Investigate the hazard by")),
    ("investigated_at", _l("Investigated on")),
    ("awaab_summary_by", _l("Send you a written summary of what we found by")),
    ("awaab_safety_work_by", _l("Start work to make it safe by")),
    ("awaab_preventative_by", _l("Start work to stop it coming back by")),
)


def page_number(raw: str | None) -> int:
    """A page number from the address; anything else ("²", "-1", "9" * 99) is page 1."""
    raw = raw or "1"
    if raw.isascii() and raw.isdigit() and len(raw) <= 5:
        return max(int(raw), 1)
    return 1


@bp.get("/repairs")
def repairs():
    listing = household_repairs(db.session, household(), page=page_number(request.args.get("page")))
    return render_template("tenant/repairs.html", listing=listing)


def repair_view(reference: str) -> RepairView:
    """The household's repair ``reference``, or 404 for anything else (another's, none)."""
    found = household_repair(db.session, household(), normalise_reference(reference))
    if found is None:
        abort(404)
    return found


def active_appointment(view: RepairView) -> Appointment | None:
    return next((a for a in reversed(view.appointments) if a.status == "booked"), None)


def may_change(appointment: Appointment | None) -> bool:
    """Whether the landlord's rules let the tenant change it now (not on the day ...)."""
    if appointment is None or appointment.window == "emergency":
        return False
    try:
        check_change_allowed(services(), actor(), appointment)
    except ServiceError:
        return False
    return True


def may_book(repair: Repair, appointment: Appointment | None) -> bool:
    return repair.priority != "emergency" and repair.status in BOOKABLE and appointment is None


def awaab_dates(repair: Repair) -> list[tuple[str, object]]:
    if repair.category != "damp_mould" and repair.hazard == "none":
        return []
    return [
        (str(label), getattr(repair, name)) for name, label in AWAAB_DATES if getattr(repair, name)
    ]


@bp.get("/repairs/<reference>")
def repair(reference: str):
    view = repair_view(reference)
    appointment = active_appointment(view)
    return render_template(
        "tenant/repair.html",
        repair=view.repair,
        appointment=appointment,
        can_change=may_change(appointment),
        can_book=may_book(view.repair, appointment),
        on_the_day=appointment is not None and not may_change(appointment),
        can_cancel=view.repair.is_open
        and view.repair.status != "in_progress"
        and (appointment is None or may_change(appointment)),
        entries=timeline(view.events, view.messages),
        awaab=awaab_dates(view.repair),
    )


@bp.get("/repairs/<reference>/photos/<key>")
def repair_photo(reference: str, key: str):
    """A photo of the household's repair: only one it holds, only to its household."""
    repair = repair_view(reference).repair
    if key not in (repair.photos or []):
        abort(404)
    return photo_response(key)


def photo_response(key: str):
    try:
        path = photo_path(services(), key)
    except ServiceError:
        abort(404)
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="image/jpeg", max_age=0)
