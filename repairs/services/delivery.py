"""Delivery status from the messaging provider, as its webhook reports it."""

from __future__ import annotations

from dataclasses import dataclass

from common.i18n import N_
from repairs.messaging.status import PROVIDER_STATUSES, StatusReport, record_status
from repairs.services.context import Context
from repairs.services.errors import ServiceError
from repairs.services.operation import operation


@dataclass(frozen=True)
class DeliveryReport:
    provider_id: str
    status: str
    error_code: int | None = None
    # Our own message id, when the callback address carries it.
    message_id: int | None = None


@operation
def record_delivery_status(ctx: Context, report: DeliveryReport) -> bool:
    """Move the message forward (sent, delivered, undelivered, failed); a WhatsApp message
    that failed is sent once by SMS, and a failure about a repair goes to the contact
    centre. Returns False for a message we never sent (acknowledged, nothing stored)."""
    if report.status not in PROVIDER_STATUSES:
        raise ServiceError.invalid({"status": N_("That is not a delivery status")})
    stored = record_status(
        ctx.session,
        StatusReport(report.provider_id, report.status, report.error_code, report.message_id),
        ctx.now(),
    )
    ctx.session.flush()
    return stored is not None
