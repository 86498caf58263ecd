"""One module per aggregate; importing this package registers every table on the metadata."""

from repairs.models.appointment import Appointment
from repairs.models.base import Base
from repairs.models.consent import ConsentEvent
from repairs.models.conversation import Conversation
from repairs.models.event import AuditTrailError, RepairEvent
from repairs.models.field_event import FieldEventRecord
from repairs.models.inbound_media import InboundMedia
from repairs.models.message import InboundMessage, OutboundMessage
from repairs.models.operative import Operative, OperativeAbsence
from repairs.models.person import Person
from repairs.models.property import Block, Property
from repairs.models.rate_limit import RateLimitWindow
from repairs.models.repair import Repair
from repairs.models.report_draft import ReportDraft
from repairs.models.satisfaction import SatisfactionResponse
from repairs.models.sign_in import SignInCode
from repairs.models.staff import StaffAccountEvent, StaffRecoveryCode, StaffUser
from repairs.models.tenancy import Tenancy, TenancyMember
from repairs.models.video_call import VideoCall
from repairs.models.web_session import WebSession
from repairs.models.work_item import WorkItem

__all__ = [
    "Appointment",
    "AuditTrailError",
    "Base",
    "Block",
    "ConsentEvent",
    "Conversation",
    "FieldEventRecord",
    "InboundMedia",
    "InboundMessage",
    "Operative",
    "OperativeAbsence",
    "OutboundMessage",
    "Person",
    "Property",
    "RateLimitWindow",
    "Repair",
    "RepairEvent",
    "SatisfactionResponse",
    "ReportDraft",
    "SignInCode",
    "StaffAccountEvent",
    "StaffRecoveryCode",
    "StaffUser",
    "Tenancy",
    "TenancyMember",
    "VideoCall",
    "WebSession",
    "WorkItem",
]
