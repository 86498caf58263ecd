"""The Twilio webhook blueprint: signature-checked, CSRF-exempt (Twilio cannot send a
CSRF token; the signature is the proof), answering in plain text."""

from __future__ import annotations

from flask import Blueprint

from bot.signature import refuse_unsigned

bp = Blueprint("bot", __name__, url_prefix="/bot/twilio")
bp.before_request(refuse_unsigned)
