"""What the tenant's pages show for stored codes: a problem's words, where a repair is."""

from __future__ import annotations

from flask import current_app, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from portal.tenant.blueprint import bp
from repairs.models import Repair


@bp.app_template_global()
def problem_label(repair: Repair) -> str:
    """The problem as the rules name it (translated), or the tenant's words."""
    if repair.problem:
        try:
            return _(current_app.extensions["triage"].leaf(repair.problem).label)
        except KeyError:
            pass
    words = " ".join((repair.description or "").split())
    return words[:80] + ("…" if len(words) > 80 else "")


@bp.app_template_filter()
def long_date_with_day(value) -> str:
    return format_date(value, "EEEE d MMMM yyyy")


@bp.app_template_global()
def repair_place(repair: Repair) -> str:
    if repair.property_id is None and repair.block is not None:
        return _("Shared areas of %(block)s", block=repair.block.name)
    return repair.home.address if repair.home else ""


@bp.context_processor
def _navigation() -> dict:
    """The tenant's menu, on every tenant page once signed in."""
    if not (current_user.is_authenticated and current_user.kind == "tenant"):
        return {}
    here = request.endpoint or ""
    items = [
        ("tenant.repairs", _("Your repairs"), here.startswith(("tenant.repair", "tenant.book"))),
        ("tenant.report", _("Report a repair"), here.startswith("tenant.report")),
        ("tenant.account", _("Your account"), here.startswith("tenant.account")),
        ("tenant.sign_out", _("Sign out"), here == "tenant.sign_out"),
    ]
    return {
        "navigation_items": [
            {"href": url_for(endpoint), "text": text, "active": active}
            for endpoint, text, active in items
        ]
    }
