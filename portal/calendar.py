"""``GET /calendar/<token>.ics``: an appointment as a calendar file (RFC 5545), the link in
booking, change and cancellation messages.

No sign-in: the token (96 random bits, one per appointment) is the key, as the link is
opened from a text message. The file names only the landlord, the reference and the
window, never an address or a name; a cancelled or moved appointment is served as
cancelled, so a calendar that imported it can drop it; a month after the visit the link
stops working.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from common.calendar import LONDON
from portal.extensions import db
from repairs.models import Appointment
from repairs.models.base import utcnow

bp = Blueprint("calendar", __name__, url_prefix="/calendar")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,24}$")
KEEP_AFTER_VISIT = timedelta(days=30)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545, 3.1)."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def ics(appointment: Appointment, now: datetime) -> str:
    repair = appointment.repair
    config = current_app.config
    cancelled = appointment.status in ("cancelled", "rebooked")
    start = appointment.starts_at.astimezone(LONDON).strftime("%H:%M")
    end = appointment.ends_at.astimezone(LONDON).strftime("%H:%M")
    summary = _("%(landlord)s repair visit (%(reference)s)")
    summary %= {"landlord": config["LANDLORD_NAME"], "reference": repair.reference}
    description = _(
        "An operative will arrive between %(start)s and %(end)s. To change it, call %(phone)s."
    ) % {"start": start, "end": end, "phone": config["LANDLORD_PHONE"]}
    host = urlsplit(config["PUBLIC_BASE_URL"]).hostname or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Repairs portal//Appointments//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:appointment-{appointment.id}@{host}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(appointment.starts_at)}",
        f"DTEND:{_stamp(appointment.ends_at)}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{1 if cancelled else 0}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


@bp.get("/<token>.ics")
def appointment_file(token: str):
    if not _TOKEN.match(token):
        abort(404)
    appointment = db.session.scalar(select(Appointment).where(Appointment.calendar_token == token))
    now = utcnow()
    if appointment is None or appointment.ends_at + KEEP_AFTER_VISIT < now:
        abort(404)
    person = appointment.repair.reported_by
    with force_locale((person.preferred_language if person else None) or "en"):
        body = ics(appointment, now)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="repair-{appointment.repair.reference}.ics"'
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
