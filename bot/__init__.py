"""The SMS and WhatsApp channel: Twilio's webhooks.

``bp`` is the Twilio webhook blueprint (``/bot/twilio``); every route on it is checked
against Twilio's signature before it runs (``bot.signature``), so a new webhook added to
it (inbound messages, the conversation engine) is protected without a line of its own.
Importing this package registers its routes.
"""

from bot import status  # noqa: F401  (registers POST /bot/twilio/status)
from bot.blueprint import bp

__all__ = ["bp"]
