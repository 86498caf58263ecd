"""Satisfaction: the tenant's 1-to-5 answer to "How did we do?", stored against the repair.

The question goes out with the "completed" message. The SMS bot calls this with the reply
(it finds the question that reply answers); the web or an agent call it with the repair's
reference. A later answer replaces the score; the audit trail keeps every one.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from common.i18n import N_
from repairs.audit import Actor, record
from repairs.models import InboundMessage, OutboundMessage, Repair, SatisfactionResponse
from repairs.phone import InvalidPhoneNumber, normalise_uk_mobile
from repairs.services.access import repair_for
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, NOT_FOUND, ServiceError
from repairs.services.operation import clean_text, operation

QUESTION = "completed"
_SCORE = re.compile(r"^\s*([1-5])(?![0-9])")


def parse_score(value: object) -> int:
    """1 to 5, from a number or a reply such as "4", " 5 thanks" or "4/5"."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    match = _SCORE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ServiceError.invalid({"score": N_("Reply with a number from 1 to 5")})
    return int(match.group(1))


@operation
def record_satisfaction(
    ctx: Context,
    actor: Actor,
    reference_or_message: str | InboundMessage,
    score: int | str,
    comment: str = "",
) -> SatisfactionResponse:
    """Store ``score`` for the repair named by its reference, or for the repair whose
    question ``reference_or_message`` (a text reply) answers."""
    value = parse_score(score)
    if isinstance(reference_or_message, InboundMessage):
        question = _question_answered_by(ctx, reference_or_message)
        repair = ctx.session.get(Repair, question.repair_id)
        person_id = question.person_id
    else:
        repair = repair_for(ctx, actor, reference_or_message)
        question = _latest_question(ctx, repair)
        person_id = actor.id if actor.is_tenant else repair.reported_by_id
    if repair.status != "completed":
        raise ServiceError(
            CONFLICT, N_("Repair %(reference)s is not finished yet", reference=repair.reference)
        )
    now = ctx.now()
    answer = ctx.session.scalar(
        select(SatisfactionResponse).where(SatisfactionResponse.repair_id == repair.id)
    )
    before = answer.score if answer else None
    if answer is None:
        answer = SatisfactionResponse(repair_id=repair.id, first_answered_at=now)
        ctx.session.add(answer)
    answer.score, answer.answered_at = value, now
    answer.comment = clean_text(comment, 100_000)[:500] or None
    answer.person_id, answer.channel = person_id, actor.channel
    answer.question_id = question.id if question else None
    record(
        ctx.session,
        repair,
        "satisfaction_recorded",
        actor,
        changes={"score": (before, value)},
        at=now,
    )
    ctx.session.flush()
    return answer


def _question_answered_by(ctx: Context, reply: InboundMessage) -> OutboundMessage:
    """The latest question sent to the number the reply came from, within the reply window."""
    try:
        number = normalise_uk_mobile(reply.from_number.removeprefix("whatsapp:"))
    except InvalidPhoneNumber:
        number = reply.from_number
    since = ctx.now() - timedelta(days=ctx.policy.satisfaction_reply_days)
    question = ctx.session.scalar(
        select(OutboundMessage)
        .where(
            OutboundMessage.to == number,
            OutboundMessage.purpose == QUESTION,
            OutboundMessage.status.in_(("sent", "delivered")),
            OutboundMessage.created_at >= since,
            OutboundMessage.repair_id.is_not(None),
        )
        .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
    )
    if question is None:
        raise ServiceError(NOT_FOUND, N_("We have not asked you about a repair lately"))
    return question


def _latest_question(ctx: Context, repair: Repair) -> OutboundMessage | None:
    return ctx.session.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.repair_id == repair.id, OutboundMessage.purpose == QUESTION)
        .order_by(OutboundMessage.id.desc())
    )
