"""The staff blueprint and its access rule: every route but the sign-in steps needs a
member of staff, and that member's role must be in the route's entry in ``access``."""

from babel import Locale, UnknownLocaleError
from flask import Blueprint, abort, current_app, request, url_for
from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from common.calendar import local
from portal.auth import require_staff
from portal.staff import labels
from portal.staff.access import REPORT_ENDPOINTS, SIGN_IN_STEPS, allowed
from repairs.services.access import TRIAGE_ROLES

bp = Blueprint("staff", __name__)

# The navigation, each link shown only to roles that may follow it.
NAVIGATION = (
    ("staff.overview", _l("Find a tenant")),
    ("staff.queues", _l("Queues")),
    ("staff.performance", _l("Performance")),
    ("staff.admin_staff", _l("Staff accounts")),
    ("staff.account", _l("Your account")),
)


@bp.before_request
def _only_staff():
    if request.endpoint in SIGN_IN_STEPS:
        return None
    refused = require_staff()
    if refused is not None:
        return refused
    if not allowed(request.endpoint, current_user.role):
        abort(403)
    return None


# Which pages belong under each navigation link, to mark the one the user is in.
SECTIONS = {
    "staff.overview": {
        "staff.overview",
        "staff.search",
        "staff.household",
        "staff.repair",
        "staff.audit",
        "staff.book",
        "staff.cancel_appointment",
        "staff.override_triage",
        "staff.request_video",
        *REPORT_ENDPOINTS,
    },
    "staff.queues": {"staff.queues", "staff.queue", "staff.finish"},
    "staff.performance": {"staff.performance"},
    "staff.admin_staff": {"staff.admin_staff", "staff.admin_add", "staff.admin_member"},
    "staff.account": {
        "staff.account",
        "staff.account_password",
        "staff.account_two_factor",
        "staff.account_recovery_codes",
    },
}


@bp.context_processor
def _labels():
    return {
        "role_labels": labels.ROLE_LABELS,
        "staff_channel_labels": labels.STAFF_CHANNEL_LABELS,
        "account_event_labels": labels.ACCOUNT_EVENT_LABELS,
        "actor_labels": labels.ACTOR_LABELS,
        "hazard_labels": labels.HAZARD_LABELS,
        "vulnerability_labels": labels.VULNERABILITY_LABELS,
        "contact_labels": labels.CONTACT_LABELS,
        "member_role_labels": labels.MEMBER_ROLE_LABELS,
        "trade_labels": labels.TRADE_LABELS,
        "window_labels": labels.WINDOW_LABELS,
        "event_labels": labels.EVENT_LABELS,
        "match_labels": labels.MATCH_LABELS,
        "queue_labels": labels.QUEUE_LABELS,
        "appointment_status_labels": labels.APPOINTMENT_STATUS_LABELS,
        "message_status_labels": labels.MESSAGE_STATUS_LABELS,
        "period_labels": labels.PERIOD_LABELS,
        "language_name": _language_name,
        "allowed": lambda endpoint: allowed(endpoint, current_user.role),
        "may_video_call": _may_video_call,
    }


def _may_video_call() -> bool:
    """The video pages are their own blueprint (absent when video is off), open to the
    roles that may triage."""
    return "video_staff" in current_app.blueprints and current_user.role in TRIAGE_ROLES


def _language_name(code: str | None) -> str:
    try:
        return Locale.parse(code or "en").get_display_name(get_locale() or "en") or code
    except (ValueError, UnknownLocaleError):
        return code or ""


@bp.after_request
def _never_cached(response):
    # Every staff page shows personal data or a sign-in secret: no browser or proxy keeps it.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def _navigation():
    if not (current_user.is_authenticated and current_user.kind == "staff"):
        return {"staff_navigation": []}
    here = request.endpoint or ""
    items = []
    for endpoint, label in NAVIGATION:
        if allowed(endpoint, current_user.role):
            item = {"href": url_for(endpoint), "text": str(label)}
            if here in SECTIONS.get(endpoint, ()):
                item["active"] = True
            items.append(item)
    return {"staff_navigation": items}


@bp.app_template_filter("long_day")
def _long_day(value) -> str:
    return format_datetime(value, "EEEE d MMMM")


@bp.app_template_filter("long_datetime_seconds")
def _long_datetime_seconds(value) -> str:
    return format_datetime(value, "d MMMM yyyy, HH:mm:ss")


@bp.app_template_filter("london_date")
def _london_date(value) -> str:
    return local(value).date().isoformat()


@bp.app_template_filter("chart_bar")
def _chart_bar(pair) -> dict:
    """(label, Ratio) as a bar of a percentage chart."""
    label, ratio = pair
    value = ratio.percent
    return {
        "label": str(label),
        "value": value or 0,
        "text": f"{value:.1f}% ({ratio.met:,}/{ratio.of:,})" if value is not None else "–",
    }
