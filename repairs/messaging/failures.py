"""A message that will never arrive: marked, never retried, and put before a person.

A WhatsApp message is tried once more by SMS (unless the person opted out or the number
is wrong); anything else about a repair becomes a ``message_failed`` item on the contact
centre's queue and an event in the repair's audit trail, so someone calls the tenant.
A provider's "opted out" (the person texted STOP to our number) is recorded on the person.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.codes import ActorKind
from repairs.audit import Actor, record
from repairs.messaging.error_codes import NO_FALLBACK
from repairs.messaging.outbox import sms_body
from repairs.models import OutboundMessage, Person, Repair, WorkItem

log = logging.getLogger("repairs.messaging")
PROVIDER = Actor(kind=ActorKind.PROVIDER.value, label="messaging")
# Messages whose failure needs no person: the tenant is at the screen that asked for it.
NO_FOLLOW_UP = frozenset({"sign_in_code"})


def settle_failure(
    session: Session,
    message: OutboundMessage,
    *,
    kind: str,
    code: int | None,
    detail: str | None,
    now: datetime,
    status: str = "failed",
) -> OutboundMessage | None:
    """Mark ``message`` as never arriving and follow it up; returns the SMS written in its
    place, if any."""
    message.status = status
    message.failure_kind = kind
    message.error_code = code
    message.last_error = (detail or "")[:500] or None
    message.claimed_by = message.lease_until = None
    message.updated_at = now
    person = session.get(Person, message.person_id) if message.person_id else None
    if kind == "opted_out" and person is not None and person.opted_out_at is None:
        person.opted_out_at = now
        log.info("provider reports an opt-out", extra={"fields": {"person": person.id}})
    log.warning(
        "message will not arrive",
        extra={"fields": {"message_id": message.id, "kind": kind, "code": code}},
    )
    fallback = None
    if message.channel == "whatsapp" and kind not in NO_FALLBACK:
        fallback = _by_sms(session, message, person, now)
    if fallback is None and message.repair_id and message.purpose not in NO_FOLLOW_UP:
        _tell_staff(session, message, kind, now)
    return fallback


def _by_sms(
    session: Session, message: OutboundMessage, person: Person | None, now: datetime
) -> OutboundMessage | None:
    """The same words once more by SMS, if the person may be texted."""
    if message.fallback_of_id is not None:
        return None
    if person is None or not person.mobile or not person.consent_sms or person.opted_out_at:
        return None
    existing = session.scalar(
        select(OutboundMessage).where(OutboundMessage.fallback_of_id == message.id)
    )
    if existing is not None:
        return existing
    body, segments = sms_body(message.body, message.purpose)
    fallback = OutboundMessage(
        person_id=message.person_id,
        repair_id=message.repair_id,
        appointment_id=message.appointment_id,
        channel="sms",
        to=person.mobile,
        body=body,
        purpose=message.purpose,
        priority=message.priority,
        status="queued",
        attempts=0,
        outcome_unknown=False,
        segments=segments,
        expires_at=message.expires_at,
        fallback_of_id=message.id,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(fallback)
    return fallback


def _tell_staff(session: Session, message: OutboundMessage, kind: str, now: datetime) -> None:
    repair = session.get(Repair, message.repair_id)
    note = f"Message not delivered ({message.purpose}, {message.channel}): {kind}"
    record(session, repair, "message_failed", PROVIDER, channel=message.channel, note=note, at=now)
    open_item = session.scalar(
        select(WorkItem).where(
            WorkItem.kind == "message_failed",
            WorkItem.repair_id == message.repair_id,
            WorkItem.status.in_(("open", "assigned")),
        )
    )
    if open_item is not None:
        open_item.note = f"{open_item.note}\n{note}"[-2000:]
        return
    session.add(
        WorkItem(
            kind="message_failed",
            status="open",
            repair_id=message.repair_id,
            person_id=message.person_id,
            note=note,
            channel="system",
            requested_by="messaging",
            created_at=now,
        )
    )
