"""Replies to our own messages: a score after "how did we do?", C after a reminder.

A notification sent since the tenant's last turn is what a reply answers: "4" after
"repair done, reply 1 to 5" is a score, not a choice from a list the bot offered
earlier, and "C" after a reminder or a missed visit means that repair.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.engine.chat import Chat
from bot.engine.tracking import CHANGEABLE, start_change
from bot.engine.words import Reading, score_of
from repairs.models import OutboundMessage, Repair
from repairs.services import record_satisfaction

# A reply this long after our message is no longer an answer to it.
ANSWERS_WITHIN = timedelta(days=7)


def latest(chat: Chat, previous_turn: datetime | None) -> OutboundMessage | None:
    """Our latest message about a repair to this tenant since their last turn."""
    since = chat.ctx.now() - ANSWERS_WITHIN
    if previous_turn is not None and previous_turn > since:
        since = previous_turn
    return chat.ctx.session.scalar(
        select(OutboundMessage)
        .where(
            OutboundMessage.person_id == chat.person.id,
            OutboundMessage.repair_id.is_not(None),
            OutboundMessage.status != "cancelled",
            OutboundMessage.created_at > since,
        )
        .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
        .limit(1)
    )


def answer(chat: Chat, reading: Reading, previous_turn: datetime | None) -> bool:
    """Handle ``reading`` as a reply to a notification; False if it is not one."""
    notice = latest(chat, previous_turn)
    if notice is None:
        return False
    repair = chat.ctx.session.get(Repair, notice.repair_id)
    score = score_of(reading.text) if notice.purpose == "completed" else None
    if score is not None:
        value, comment = score
        chat.attempt(
            lambda ctx, actor, _: record_satisfaction(ctx, actor, repair.reference, value, comment),
            None,
        )
        chat.reset(last=repair.reference)
        chat.say("score_thanks" if value > 2 else "score_sorry")
        return True
    if reading.keyword == "change" and not reading.reference and repair.status in CHANGEABLE:
        start_change(chat, repair.reference)
        return True
    return False
