"""The outbox: a message is a row written in the same transaction as its cause.

Nothing here sends anything. The worker reads queued rows after the transaction that
wrote them has committed, so a change that rolls back sends nothing, and a message
waits safely while the provider is down.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from repairs.messaging.templates import render
from repairs.models import OutboundMessage, Person, Repair

# Channels a message can go out on; anything else a person prefers falls back to SMS.
MESSAGE_CHANNELS = ("sms", "whatsapp")


def channel_for(person: Person) -> str:
    if person.preferred_channel == "whatsapp" and person.consent_whatsapp:
        return "whatsapp"
    return "sms"


def enqueue(
    session: Session,
    person: Person | None,
    purpose: str,
    params: Mapping[str, object],
    *,
    translations: Path,
    now: datetime,
    repair: Repair | None = None,
) -> OutboundMessage | None:
    """Write one message for ``person``; None when they cannot or must not be texted."""
    if person is None or not person.mobile or person.opted_out_at is not None:
        return None
    if not person.consent_sms and channel_for(person) == "sms":
        return None
    body = render(purpose, person.preferred_language or "en", params, translations)
    message = OutboundMessage(
        person_id=person.id,
        repair_id=repair.id if repair is not None else None,
        channel=channel_for(person),
        to=person.mobile,
        body=body,
        purpose=purpose,
        status="queued",
        next_attempt_at=now,
        created_at=now,
    )
    session.add(message)
    return message
