"""The SMS and WhatsApp channel: Twilio's webhooks, the conversation engine (``bot.engine``,
which knows nothing of Twilio or Flask), the terminal chat, the development phone page and
the worker step that fetches photos sent by WhatsApp.

``bp`` is the Twilio webhook blueprint (``/bot/twilio``); every route on it is checked
against Twilio's signature before it runs (``bot.signature``). Importing this package
registers its routes: ``POST /bot/twilio/inbound`` and ``POST /bot/twilio/status``.
"""

from bot import status, webhooks  # noqa: F401  (register their routes on bp)
from bot.blueprint import bp

__all__ = ["bp"]
