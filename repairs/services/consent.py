"""STOP and START: whether we may text a number at all.

An opt-out covers the number, so it reaches every person who gave it to us; messages
already queued for them are cancelled at once rather than left for the worker to
notice. Each change is kept as a ``ConsentEvent`` (who, when, which channel, which
message), even for a number we do not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from repairs.audit import Actor
from repairs.models import ConsentEvent, OutboundMessage, Person
from repairs.services.context import Context


@dataclass(frozen=True)
class ChangeConsent:
    # The number as the person texted from it (E.164 for a UK mobile).
    address: str
    channel: str
    # What they sent, as they sent it ("STOP", "Stop please").
    keyword: str
    message_id: str | None = None


def opt_out(ctx: Context, actor: Actor, request: ChangeConsent) -> list[Person]:
    """Stop texting ``address``: every person with that mobile is opted out."""
    people = _people(ctx, request.address)
    now = ctx.now()
    for person in people:
        if person.opted_out_at is None:
            person.opted_out_at = now
    if people:
        queued = ctx.session.scalars(
            select(OutboundMessage).where(
                OutboundMessage.person_id.in_([p.id for p in people]),
                OutboundMessage.status == "queued",
            )
        )
        for message in queued:
            message.status, message.last_error = "cancelled", "opted out (STOP)"
    _record(ctx, people, request, "opted_out")
    return people


def opt_in(ctx: Context, actor: Actor, request: ChangeConsent) -> list[Person]:
    """Text ``address`` again (START)."""
    people = _people(ctx, request.address)
    for person in people:
        person.opted_out_at = None
    _record(ctx, people, request, "opted_in")
    return people


def _people(ctx: Context, address: str) -> list[Person]:
    return list(ctx.session.scalars(select(Person).where(Person.mobile == address)))


def _record(ctx: Context, people: list[Person], request: ChangeConsent, kind: str) -> None:
    for person_id in [p.id for p in people] or [None]:
        ctx.session.add(
            ConsentEvent(
                person_id=person_id,
                address=request.address[:40],
                channel=request.channel,
                kind=kind,
                keyword=request.keyword.strip()[:40],
                message_id=request.message_id,
                occurred_at=ctx.now(),
            )
        )
    ctx.session.flush()
