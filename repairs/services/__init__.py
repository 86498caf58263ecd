"""The operations every channel calls: one per thing a person wants to do.

Each takes a ``Context`` (the caller's session and the engines), an ``Actor`` (who, in
what role, through which channel) and a frozen dataclass of plain values. Each flushes and
never commits: the request, the webhook, the command or the worker commits once. Each
raises only ``ServiceError``, with translatable messages per field.
"""

from repairs.services.amending import (
    Added,
    AddToRepair,
    CancelRepair,
    OverrideTriage,
    add_to_repair,
    cancel_repair,
    override_triage,
)
from repairs.services.awaab import AwaabSummary, SummarySent, send_awaab_summary
from repairs.services.booking import (
    Book,
    CancelAppointment,
    Offer,
    OfferSlots,
    Rebook,
    book,
    cancel_appointment,
    offer_slots,
    rebook,
)
from repairs.services.consent import ChangeConsent, opt_in, opt_out
from repairs.services.consistency import Disagreement, find_disagreements
from repairs.services.context import Context
from repairs.services.delivery import DeliveryReport, record_delivery_status
from repairs.services.emergency import Dispatched, dispatch_emergency
from repairs.services.errors import ServiceError
from repairs.services.field import FieldOutcome, FieldReport, record_field_event
from repairs.services.photos import store_photo
from repairs.services.policy import Policy
from repairs.services.queues import (
    RequestCallback,
    RequestVideoTriage,
    request_callback,
    request_video_triage,
)
from repairs.services.reporting import Reported, ReportRepair, report_repair
from repairs.services.satisfaction import record_satisfaction
from repairs.services.work import FinishWork, TakeWork, finish_work, take_work

__all__ = [
    "AddToRepair",
    "Added",
    "AwaabSummary",
    "Book",
    "CancelAppointment",
    "CancelRepair",
    "ChangeConsent",
    "Context",
    "DeliveryReport",
    "Disagreement",
    "FinishWork",
    "Dispatched",
    "FieldOutcome",
    "FieldReport",
    "Offer",
    "OfferSlots",
    "OverrideTriage",
    "Policy",
    "Rebook",
    "ReportRepair",
    "Reported",
    "RequestCallback",
    "RequestVideoTriage",
    "ServiceError",
    "SummarySent",
    "TakeWork",
    "add_to_repair",
    "book",
    "cancel_appointment",
    "cancel_repair",
    "dispatch_emergency",
    "find_disagreements",
    "finish_work",
    "offer_slots",
    "opt_in",
    "opt_out",
    "override_triage",
    "rebook",
    "record_delivery_status",
    "record_field_event",
    "record_satisfaction",
    "report_repair",
    "request_callback",
    "request_video_triage",
    "send_awaab_summary",
    "store_photo",
    "take_work",
]
