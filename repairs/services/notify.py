"""Telling the tenant: each service operation names what happened; this writes it.

The message goes to the person who reported the repair (the tenant on whose behalf staff
raised it), through the outbox, in their language.
"""

from __future__ import annotations

from common.calendar import local
from common.i18n import Message
from repairs.messaging.outbox import enqueue
from repairs.messaging.templates import format_clock
from repairs.models import Appointment, OutboundMessage, Repair
from repairs.services.context import Context


def _problem(ctx: Context, repair: Repair) -> Message | str:
    """The problem's label from the rule files (translated when rendered), or the words."""
    if repair.problem:
        try:
            return Message(ctx.rules.leaf(repair.problem).label)
        except KeyError:
            pass
    return repair.description[:40]


def tenant(
    ctx: Context,
    repair: Repair,
    purpose: str,
    appointment: Appointment | None = None,
    **params: object,
) -> OutboundMessage | None:
    """Write message ``purpose`` about ``repair`` (and ``appointment``) to its reporter."""
    person = repair.reported_by
    language = (person.preferred_language if person else None) or "en"
    values: dict[str, object] = {
        "landlord": ctx.policy.landlord_name,
        "phone": ctx.policy.landlord_phone,
        "reference": repair.reference,
        "problem": _problem(ctx, repair),
        "target": repair.target_at,
    }
    if appointment is not None:
        values.update(
            day=local(appointment.starts_at).date(),
            start=format_clock(appointment.starts_at, language),
            end=format_clock(appointment.ends_at, language),
            arrival=appointment.starts_at,
        )
    values.update(params)
    return enqueue(
        ctx.session,
        person,
        purpose,
        values,
        translations=ctx.policy.translations_dir,
        now=ctx.now(),
        repair=repair,
    )
