"""Who a message is from, as Twilio writes it: ``+447700900001`` for SMS,
``whatsapp:+447700900001`` for WhatsApp."""

from __future__ import annotations

import re

from repairs.phone import InvalidPhoneNumber, normalise_uk_mobile

_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")


def channel_and_number(sender: str) -> tuple[str, str] | None:
    """``("whatsapp", "+447700900001")`` and the like; None for what is not a number."""
    raw = (sender or "").strip()
    channel = "sms"
    if raw.lower().startswith("whatsapp:"):
        channel, raw = "whatsapp", raw.split(":", 1)[1].strip()
    try:
        return channel, normalise_uk_mobile(raw)
    except InvalidPhoneNumber:
        pass
    # A number from abroad is still answered (it is told we do not know it).
    return (channel, raw) if _E164.match(raw) else None
