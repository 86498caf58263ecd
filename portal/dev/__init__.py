"""Development helpers, mounted only outside production: the development outbox.

``GET /dev/outbox`` lists every message the app has written to tenants, newest first,
sign-in codes included, with where each stands (queued, sent by the console transport,
delivered, failed and why), so a person trying the app without a phone or a Twilio
account can read what would have been texted.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import func, select

from portal.extensions import db
from repairs.models import OutboundMessage

bp = Blueprint("dev", __name__, url_prefix="/dev")
PAGE_SIZE = 50
TAGS = {
    "queued": "govuk-tag--grey",
    "sending": "govuk-tag--light-blue",
    "sent": "govuk-tag--blue",
    "delivered": "govuk-tag--green",
    "undelivered": "govuk-tag--red",
    "failed": "govuk-tag--red",
    "cancelled": "govuk-tag--yellow",
}


@bp.app_template_global()
def outbox_tag(status: str) -> str:
    return TAGS.get(status, "govuk-tag--grey")


@bp.get("/outbox")
def outbox():
    raw = request.args.get("page", "1")
    page = int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 100_000 else 1
    to = request.args.get("to", "").strip()[:20]
    query = select(OutboundMessage)
    if to:
        query = query.where(OutboundMessage.to.contains(to))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    messages = db.session.scalars(
        query.order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "dev/outbox.html", messages=messages, page=page, pages=pages, total=total, to=to
    )
