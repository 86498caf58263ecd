"""The outbox: a message is a row written in the same transaction as its cause.

Nothing here sends anything. The worker reads queued rows after the transaction that
wrote them has committed, so a change that rolls back sends nothing, and a message
waits safely while the provider is down.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from repairs.messaging.segments import fit_sms
from repairs.messaging.templates import Urgency, render, urgency_of
from repairs.models import Appointment, OutboundMessage, Person, Repair

log = logging.getLogger("repairs.messaging")

# Channels a message can go out on; anything else a person prefers falls back to SMS.
MESSAGE_CHANNELS = ("sms", "whatsapp")


def channel_for(person: Person) -> str:
    if person.preferred_channel == "whatsapp" and person.consent_whatsapp:
        return "whatsapp"
    return "sms"


def may_text(person: Person | None, urgency: Urgency) -> bool:
    """Whether ``person`` may be sent a message of ``urgency`` at all.

    STOP (``opted_out_at``) is honoured by every message but one the person has asked for
    this moment (a sign-in code): that text is the answer to their own request.
    """
    if person is None or not person.mobile:
        return False
    if urgency is Urgency.TRANSACTIONAL:
        return True
    if person.opted_out_at is not None:
        return False
    return channel_for(person) == "whatsapp" or person.consent_sms


def sms_body(text: str, purpose: str = "") -> tuple[str, int]:
    """``text`` fitted for SMS, and how many parts it takes."""
    fitted = fit_sms(text)
    if fitted.segments > 3:
        log.warning(
            "message longer than three SMS parts",
            extra={"fields": {"purpose": purpose, "segments": fitted.segments}},
        )
    return fitted.text, fitted.segments


def compose(
    person: Person | None,
    purpose: str,
    params: Mapping[str, object],
    *,
    translations: Path,
    now: datetime,
    repair_id: int | None = None,
    appointment_id: int | None = None,
    urgency: Urgency | None = None,
    expires_at: datetime | None = None,
    dedupe_key: str | None = None,
) -> dict[str, object] | None:
    """The outbox row for message ``purpose`` to ``person`` (a Person, or a row with its
    contact columns), or None when they cannot or must not be texted. ``enqueue`` writes
    one; a reminder run inserts thousands at once."""
    urgency = urgency_of(purpose) if urgency is None else Urgency(urgency)
    if not may_text(person, urgency):
        return None
    if purpose == "sign_in_code" and expires_at is None and "minutes" in params:
        # A code nobody can use any more is not worth sending.
        expires_at = now + timedelta(minutes=int(params["minutes"]))
    channel = "sms" if urgency is Urgency.TRANSACTIONAL else channel_for(person)
    body = render(purpose, person.preferred_language or "en", params, translations)
    segments = None
    if channel == "sms":
        body, segments = sms_body(body, purpose)
    return {
        "person_id": person.id,
        "repair_id": repair_id,
        "appointment_id": appointment_id,
        "channel": channel,
        "to": person.mobile,
        "body": body,
        "purpose": purpose,
        "priority": int(urgency),
        "status": "queued",
        "attempts": 0,
        "outcome_unknown": False,
        "segments": segments,
        "expires_at": expires_at,
        "dedupe_key": dedupe_key,
        "next_attempt_at": now,
        "created_at": now,
    }


def enqueue(
    session: Session,
    person: Person | None,
    purpose: str,
    params: Mapping[str, object],
    *,
    translations: Path,
    now: datetime,
    repair: Repair | None = None,
    appointment: Appointment | None = None,
    urgency: Urgency | None = None,
    expires_at: datetime | None = None,
    dedupe_key: str | None = None,
) -> OutboundMessage | None:
    """Write message ``purpose`` for ``person``, in their language, to be sent after commit.

    ``urgency`` defaults to the purpose's own (``Urgency.TRANSACTIONAL`` for
    ``sign_in_code``: sent by SMS, first, whatever the hour). ``expires_at``: not worth
    sending after this. ``dedupe_key``: a second message with the same key is not written.
    Returns None when the person cannot or must not be texted.
    """
    values = compose(
        person,
        purpose,
        params,
        translations=translations,
        now=now,
        repair_id=repair.id if repair is not None else None,
        appointment_id=appointment.id if appointment is not None else None,
        urgency=urgency,
        expires_at=expires_at,
        dedupe_key=dedupe_key,
    )
    if values is None:
        return None
    message = OutboundMessage(**values)
    session.add(message)
    return message
