"""What the staff and tenant sides of video calls share: actors, words, tickets, headers."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import current_app, g, jsonify
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from common.i18n import Message
from repairs.audit import Actor
from repairs.services import ServiceError
from repairs.services.errors import CONFLICT, FORBIDDEN, INVALID, NOT_FOUND
from repairs.services.video import IceConfig

CALL_STATUS_LABELS = {
    "invited": _l("Link sent"),
    "joined": _l("Tenant opened the link"),
    "live": _l("Live"),
    "ended": _l("Ended"),
}

STATUS_FOR = {NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400}


def say(message: Message) -> str:
    """A service's message in the reader's language."""
    return _(message.text, **message.params)


def staff_actor() -> Actor:
    staff = current_user.staff
    return Actor.staff(staff.id, staff.name, staff.role, "video")


def problem(error: ServiceError):
    """A service's refusal as a JSON problem for the call pages' scripts."""
    status = STATUS_FOR.get(error.code, 409)
    body = {"status": status, "code": error.code, "detail": say(error.message)}
    if error.fields:
        body["detail"] = say(next(iter(error.fields.values())))
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def ticket_answer(ticket: str, user: str):
    """What a page needs to join the call: the ticket and where to present it."""
    config = current_app.config
    base = config["VIDEO_SERVICE_URL"]
    servers = IceConfig.from_config(config).servers(
        now=time.time(), user=user, lifetime=config["VIDEO_MAX_CALL_MINUTES"] * 60
    )
    return jsonify(
        ticket=ticket,
        offer_url=f"{base}/offer",
        hangup_url=f"{base}/hangup",
        ice_servers=[server.to_json() for server in servers],
    )


def call_page_headers(response):
    """The call pages talk to the video service and show a camera; nothing else changes."""
    parts = urlsplit(current_app.config["VIDEO_SERVICE_URL"])
    video_origin = f"{parts.scheme}://{parts.netloc}"

    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
        f"style-src 'self'; script-src 'self' 'nonce-{g.get('csp_nonce', '')}'; "
        f"connect-src 'self' {video_origin}; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )
    response.headers["Permissions-Policy"] = "camera=(self), microphone=(self)"
    response.headers["Cache-Control"] = "no-store"
    return response
