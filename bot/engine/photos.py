"""Photos sent with messages: kept as work for the worker, tied to a repair when known.

The engine never fetches a photo (that takes seconds, and a webhook must answer at
once): it records where each one is and which repair it belongs to, and the worker
fetches it, checks it like an upload and adds it to the repair (``bot.media``).
"""

from __future__ import annotations

from sqlalchemy import select

from bot.engine.chat import Chat, Media
from bot.engine.words import Reading
from repairs.models import InboundMedia

# The provider's limit is ten a message; more than a repair can hold is refused later.
MAX_PER_MESSAGE = 10


def photos_in(media: tuple[Media, ...]) -> list[Media]:
    return [m for m in media if m.content_type.lower().startswith("image/")][:MAX_PER_MESSAGE]


def keep(chat: Chat, reference: str | None) -> int:
    """Queue this message's photos, for ``reference`` or for the report under way."""
    photos = photos_in(chat.inbound.media)
    now = chat.ctx.now()
    for photo in photos:
        chat.ctx.session.add(
            InboundMedia(
                conversation_id=chat.conversation.id,
                person_id=chat.person.id if chat.person else None,
                channel=chat.inbound.channel,
                message_id=chat.inbound.message_id[:64],
                url=photo.url,
                content_type=photo.content_type[:100],
                repair_reference=reference,
                status="pending",
                next_attempt_at=now,
                created_at=now,
            )
        )
    return len(photos)


def attach(chat: Chat, reference: str) -> None:
    """The report is raised: its photos waiting in this conversation now belong to it."""
    waiting = chat.ctx.session.scalars(
        select(InboundMedia).where(
            InboundMedia.conversation_id == chat.conversation.id,
            InboundMedia.repair_reference.is_(None),
            InboundMedia.status == "pending",
        )
    )
    for row in waiting:
        row.repair_reference = reference
        row.person_id = chat.person.id if chat.person else row.person_id


def arrived(chat: Chat, reading: Reading) -> bool:
    """Keep the message's photos; True when they were all it said."""
    if not photos_in(chat.inbound.media):
        if not reading.text:
            chat.say("photo_only")
            return True
        return False
    current = chat.conversation.state
    reference = chat.data.get("repair") or (chat.data.get("last") if current == "start" else None)
    keep(chat, reference)
    if reading.text:
        return False
    if reference:
        chat.say("photo_for_repair", reference=reference)
    elif current == "describe" or current.startswith("report_"):
        chat.say("photo_with_report")
    else:
        chat.say("photo_first")
        chat.goto("describe")
    return True
