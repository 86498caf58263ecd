"""Telling the tenant: each service operation names what happened; this writes it.

The message goes to the person who reported the repair (the tenant on whose behalf staff
raised it), through the outbox, in their language.
"""

from __future__ import annotations

from common.i18n import Message
from repairs.messaging.content import appointment_values, repair_values
from repairs.messaging.outbox import enqueue
from repairs.models import Appointment, OutboundMessage, Repair
from repairs.services.context import Context

# Not worth sending once the visit they speak of is over.
EXPIRE_WITH_VISIT = frozenset({"on_the_way", "emergency_dispatched"})


def _problem(ctx: Context, repair: Repair) -> Message | str:
    if repair.problem:
        try:
            # A Message, so the tenant reads the label in their own language.
            return Message(ctx.rules.leaf(repair.problem).label)
        except KeyError:
            pass
    return repair.description


def message_values(
    ctx: Context, repair: Repair, appointment: Appointment | None, language: str
) -> dict[str, object]:
    """What every message about ``repair`` (and ``appointment``) may say."""
    letterhead = ctx.policy.letterhead
    values = repair_values(letterhead, repair)
    values["problem"] = _problem(ctx, repair)
    if appointment is not None:
        values.update(appointment_values(letterhead, appointment, language))
    return values


def language_of(repair: Repair) -> str:
    person = repair.reported_by
    return (person.preferred_language if person else None) or "en"


def tenant(
    ctx: Context,
    repair: Repair,
    purpose: str,
    appointment: Appointment | None = None,
    **params: object,
) -> OutboundMessage | None:
    """Write message ``purpose`` about ``repair`` (and ``appointment``) to its reporter."""
    values = message_values(ctx, repair, appointment, language_of(repair))
    values.update(params)
    expires_at = None
    if appointment is not None and purpose in EXPIRE_WITH_VISIT:
        expires_at = appointment.ends_at
    return enqueue(
        ctx.session,
        repair.reported_by,
        purpose,
        values,
        translations=ctx.policy.translations_dir,
        now=ctx.now(),
        repair=repair,
        appointment=appointment,
        expires_at=expires_at,
    )
