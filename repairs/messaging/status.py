"""Delivery status from the provider: each message moves forward through sent, delivered,
undelivered or failed, never back, whatever order the callbacks arrive in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from repairs.messaging.error_codes import kind_for
from repairs.messaging.failures import settle_failure
from repairs.models import OutboundMessage

# Twilio's MessageStatus -> ours.
PROVIDER_STATUSES = {
    "accepted": "sent",
    "scheduled": "sent",
    "queued": "sent",
    "sending": "sent",
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "undelivered": "undelivered",
    "failed": "failed",
    "canceled": "cancelled",
}
_RANK = {"queued": 0, "sending": 0, "sent": 1}  # every other status is final


@dataclass(frozen=True)
class StatusReport:
    provider_id: str
    status: str  # the provider's word, one of PROVIDER_STATUSES
    error_code: int | None = None
    # Our own id, from the callback address: finds a message whose worker died after the
    # provider took it but before the provider's id was stored.
    message_id: int | None = None


def record_status(session: Session, report: StatusReport, now: datetime) -> OutboundMessage | None:
    """Apply ``report``; returns the message it is about, or None for one we never sent."""
    message = session.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.provider_id == report.provider_id)
        .with_for_update()
    )
    if message is None and report.message_id is not None:
        candidate = session.get(OutboundMessage, report.message_id, with_for_update=True)
        if (
            candidate is not None
            and candidate.provider_id is None
            and candidate.status
            in (
                "queued",
                "sending",
            )
        ):
            message = candidate
            message.provider_id = report.provider_id
            message.claimed_by = message.lease_until = None
            message.outcome_unknown = False
            message.sent_at = message.sent_at or now
    if message is None:
        return None
    ours = PROVIDER_STATUSES[report.status]
    if message.status not in _RANK:
        # Already final: a late "sent" or a repeat changes nothing; WhatsApp's "read" is noted.
        if report.status == "read" and message.status == "delivered":
            message.provider_status = "read"
        return message
    message.provider_status = report.status
    message.updated_at = now
    if ours == "sent":
        message.status = "sent"
        message.sent_at = message.sent_at or now
    elif ours == "delivered":
        message.status = "delivered"
        message.sent_at = message.sent_at or now
        message.delivered_at = now
    elif ours == "cancelled":
        message.status = "cancelled"
    else:
        kind = kind_for(report.error_code) if report.error_code else "unknown"
        settle_failure(
            session,
            message,
            kind=kind,
            code=report.error_code,
            detail=f"provider reported {report.status}",
            now=now,
            status=ours,
        )
    return message
