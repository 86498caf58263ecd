"""Every message enters here, whichever way it came (Twilio, the terminal, the phone
page): stored once by the provider's id, answered by the engine, the answer kept.

A provider that delivers the same message twice (same id) gets the first answer again
and nothing is done twice; two deliveries at the same moment meet at the unique id, and
the second waits for the first and answers as it did.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.engine.chat import Inbound, Settings
from bot.engine.engine import Engine
from bot.engine.speech import Speaker
from repairs.models import InboundMessage
from repairs.services import Context

log = logging.getLogger(__name__)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Received:
    replies: tuple[str, ...]
    # The provider had delivered this message before: nothing was done this time.
    duplicate: bool = False


def receive(ctx: Context, settings: Settings, inbound: Inbound, recipient: str = "") -> Received:
    """Store ``inbound`` (once) and answer it. The caller commits."""
    session = ctx.session
    # Control characters (a NUL cannot even be stored by PostgreSQL) are never words.
    inbound = replace(inbound, text=_CONTROL.sub("", inbound.text))
    recipient = _CONTROL.sub("", recipient)
    seen = _stored(ctx, inbound.message_id)
    if seen is not None:
        return Received(tuple(seen.replies or ()), duplicate=True)
    row = _row(ctx, inbound, recipient)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()  # the same message, stored a moment ago by another delivery
        seen = _stored(ctx, inbound.message_id)
        return Received(tuple(seen.replies or ()) if seen else (), duplicate=True)
    try:
        turn = Engine(ctx, settings).turn(inbound)
    except Exception:
        # A fault of ours must not make the provider retry forever, nor lose the message.
        log.exception("the bot failed on a message", extra={"fields": {"id": row.provider_id}})
        session.rollback()
        row = _row(ctx, inbound, recipient)
        apology = Speaker("en", settings.translations).say(
            "went_wrong", phone=ctx.policy.landlord_phone
        )
        row.replies, row.processed_at = [apology], ctx.now()
        session.add(row)
        session.flush()
        return Received((apology,))
    row.person_id, row.replies, row.processed_at = turn.person_id, list(turn.replies), ctx.now()
    session.flush()
    return Received(turn.replies)


def _stored(ctx: Context, message_id: str) -> InboundMessage | None:
    query = select(InboundMessage).where(InboundMessage.provider_id == message_id)
    return ctx.session.scalar(query)


def _row(ctx: Context, inbound: Inbound, recipient: str) -> InboundMessage:
    media = [{"url": m.url, "type": m.content_type} for m in inbound.media]
    return InboundMessage(
        provider_id=inbound.message_id[:64],
        channel=inbound.channel,
        from_number=inbound.address[:40],
        to_number=recipient[:40],
        body=inbound.text,
        media_urls=json.dumps(media) if media else None,
        received_at=ctx.now(),
    )
