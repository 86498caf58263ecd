"""``POST /bot/twilio/status``: Twilio's delivery status callback.

Acknowledged quickly, and acknowledged even when it names a message we do not know (so
Twilio does not retry it forever); only a malformed callback is refused, with a 400.
"""

from __future__ import annotations

import re

from flask import Response, current_app, request

from bot.blueprint import bp
from portal.extensions import db
from portal.wiring import services
from repairs.services import DeliveryReport, ServiceError, record_delivery_status

_SID = re.compile(r"^(SM|MM)[0-9a-fA-F]{32}$")


def _plain(text: str, status: int) -> Response:
    return Response(f"{text}\n", status, mimetype="text/plain")


@bp.post("/status")
def delivery_status():
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    raw_code = (form.get("ErrorCode") or "").strip()
    raw_id = request.args.get("m", "")
    if not _SID.match(sid) or (raw_code and not raw_code.isdigit()):
        return _plain("MessageSid or ErrorCode is not valid", 400)
    report = DeliveryReport(
        provider_id=sid,
        status=(form.get("MessageStatus") or form.get("SmsStatus") or "").strip().lower(),
        error_code=int(raw_code) if raw_code else None,
        message_id=int(raw_id) if raw_id.isdigit() and len(raw_id) < 12 else None,
    )
    try:
        known = record_delivery_status(services(), report)
    except ServiceError as error:
        db.session.rollback()
        return _plain(str(error.message), 400)
    db.session.commit()
    if not known:
        current_app.logger.info("status for a message we did not send", extra={"fields": {}})
    return Response(status=204)
