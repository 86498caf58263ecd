"""The tenant's score for a finished repair: the 1 to 5 reply to "how did we do?"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from common.i18n import N_
from repairs.audit import Actor, record
from repairs.models import SatisfactionReply
from repairs.services.access import repair_for
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, ServiceError
from repairs.services.operation import clean_text, operation


@dataclass(frozen=True)
class RecordSatisfaction:
    reference: str
    score: int
    comment: str = ""


@operation
def record_satisfaction(
    ctx: Context, actor: Actor, request: RecordSatisfaction
) -> SatisfactionReply:
    """Keep the score (1 poor to 5 very good) for a completed repair. A second reply
    replaces the first; the audit trail keeps both."""
    if not isinstance(request.score, int) or not 1 <= request.score <= 5:
        raise ServiceError.invalid({"score": N_("Give a score from 1 to 5")})
    limit = ctx.policy.max_description
    try:
        comment = clean_text(request.comment, limit)
    except ValueError:
        raise ServiceError.invalid(
            {"comment": N_("Tell us in %(limit)s characters or fewer", limit=limit)}
        ) from None
    repair = repair_for(ctx, actor, request.reference)
    if repair.status != "completed":
        raise ServiceError(
            CONFLICT,
            N_("Repair %(reference)s is not finished yet", reference=repair.reference),
        )
    reply = ctx.session.scalar(
        select(SatisfactionReply).where(SatisfactionReply.repair_id == repair.id)
    )
    before = reply.score if reply is not None else None
    if reply is None:
        reply = SatisfactionReply(repair_id=repair.id)
        ctx.session.add(reply)
    reply.person_id = actor.id if actor.is_tenant else repair.reported_by_id
    reply.score, reply.comment = request.score, comment or None
    reply.channel, reply.received_at = actor.channel, ctx.now()
    record(
        ctx.session,
        repair,
        "satisfaction_recorded",
        actor,
        changes={"satisfaction": (before, request.score)},
        note=comment or None,
        at=ctx.now(),
    )
    ctx.session.flush()
    return reply
