"""Twilio's webhooks at ``/bot/twilio``: ``POST /inbound`` for SMS and WhatsApp.

Signed or refused; stored once per ``MessageSid``; answered with TwiML in the same
request. Nothing slow runs here: photos are fetched afterwards by the worker.
"""

from __future__ import annotations

import re

from flask import Response, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from bot.addresses import channel_and_number
from bot.blueprint import bp
from bot.engine import Inbound, Media
from bot.engine.inbox import receive
from bot.wiring import services, settings_for
from portal.extensions import db

MESSAGE_SID = re.compile(r"^(SM|MM|SMS|IM)[0-9a-zA-Z]{8,60}$")
MAX_BODY = 4096  # WhatsApp's limit; an SMS is at most 1,600
MAX_MEDIA = 10


def twiml(replies) -> Response:
    response = MessagingResponse()
    for reply in replies:
        response.message(reply)
    return Response(str(response), mimetype="text/xml")


@bp.post("/inbound")
def inbound():
    # Signed by Twilio, or refused before this runs: the blueprint checks every route.
    form = request.form
    sid = form.get("MessageSid", "")
    if not MESSAGE_SID.match(sid):
        # Signed, yet not a message: nothing to store or answer.
        current_app.logger.warning("twilio inbound without a message id")
        return twiml([]), 400
    sender = channel_and_number(form.get("From", ""))
    if sender is None:
        # A sender we cannot text back (a short code, a name): acknowledged, so Twilio
        # does not keep trying, and nothing stored.
        current_app.logger.warning(
            "twilio inbound from an address we cannot answer", extra={"fields": {"sid": sid}}
        )
        return twiml([])
    channel, number = sender
    received = receive(
        services(),
        settings_for(),
        Inbound(channel, number, form.get("Body", "")[:MAX_BODY], _media(form), sid),
        recipient=form.get("To", ""),
    )
    db.session.commit()
    return twiml(received.replies)


def _media(form) -> tuple[Media, ...]:
    raw = form.get("NumMedia", "0")
    count = min(int(raw), MAX_MEDIA) if raw.isdigit() else 0
    found = []
    for n in range(count):
        url = form.get(f"MediaUrl{n}", "")
        if url:
            found.append(Media(url[:2000], form.get(f"MediaContentType{n}", "")[:100]))
    return tuple(found)
