"""The codes several layers share, each defined once.

Values are the strings stored in the database and written in the contracts
(``shared/contracts/triage.md``), so a ``StrEnum`` member compares equal to its value.
"""

from __future__ import annotations

from enum import StrEnum


class Priority(StrEnum):
    EMERGENCY = "emergency"  # attend and make safe within hours
    URGENT = "urgent"
    ROUTINE = "routine"


class Hazard(StrEnum):
    """Awaab's Law hazard class of a report."""

    AWAAB_EMERGENCY = "awaab_emergency"
    AWAAB_SIGNIFICANT = "awaab_significant"
    NONE = "none"


class Channel(StrEnum):
    """How an action reached us: the tenant's channels, staff's, and our own."""

    WEB = "web"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    PHONE = "phone"
    VISIT = "visit"
    LETTER = "letter"
    EMAIL = "email"
    VIDEO = "video"
    API = "api"
    SYSTEM = "system"


class ActorKind(StrEnum):
    TENANT = "tenant"
    STAFF = "staff"
    OPERATIVE = "operative"
    SYSTEM = "system"
    PROVIDER = "provider"
    SCHEDULER = "scheduler"


class Trade(StrEnum):
    GAS_ENGINEER = "gas_engineer"
    PLUMBER = "plumber"
    ELECTRICIAN = "electrician"
    CARPENTER = "carpenter"
    ROOFER = "roofer"
    GLAZIER = "glazier"
    PLASTERER = "plasterer"
    PEST_CONTROL = "pest_control"
    GENERAL_OPERATIVE = "general_operative"
    SURVEYOR = "surveyor"
    LIFT_ENGINEER = "lift_engineer"
    LOCKSMITH = "locksmith"


class Category(StrEnum):
    GAS = "gas"
    HEATING_HOT_WATER = "heating_hot_water"
    WATER_SUPPLY = "water_supply"
    WATER_LEAK = "water_leak"
    DRAINAGE = "drainage"
    TOILET_BATHROOM = "toilet_bathroom"
    ELECTRICAL = "electrical"
    DAMP_MOULD = "damp_mould"
    ROOF_GUTTERS = "roof_gutters"
    WINDOWS = "windows"
    DOORS_LOCKS = "doors_locks"
    KITCHEN = "kitchen"
    WALLS_FLOORS_CEILINGS = "walls_floors_ceilings"
    PESTS = "pests"
    COMMUNAL = "communal"
    FIRE_SAFETY = "fire_safety"
    EXTERNAL = "external"
    OTHER = "other"


class Status(StrEnum):
    """Where a repair stands; the legal moves are in ``repairs.lifecycle``."""

    REPORTED = "reported"
    TRIAGED = "triaged"
    AWAITING_APPOINTMENT = "awaiting_appointment"
    BOOKED = "booked"
    DISPATCHED = "dispatched"  # emergencies: sent straight to an operative, no slot offered
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"  # waiting for parts, access arrangements or a specialist
    NO_ACCESS = "no_access"
    FOLLOW_ON_NEEDED = "follow_on_needed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class FieldEvent(StrEnum):
    """What an operative (or a works-management system) tells us from the field."""

    ON_THE_WAY = "on_the_way"
    ARRIVED = "arrived"
    COMPLETED = "completed"
    NO_ACCESS = "no_access"
    FOLLOW_ON_NEEDED = "follow_on_needed"


class Vulnerability(StrEnum):
    ELDERLY = "elderly"
    INFANT = "infant"
    DISABILITY = "disability"
    MEDICAL_EQUIPMENT = "medical_equipment"
    MENTAL_HEALTH = "mental_health"
    PREGNANCY = "pregnancy"


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of ``enum``, in declaration order (for columns and schemas)."""
    return tuple(member.value for member in enum)


# Lower rank = more pressing; used to raise, never lower, a priority or hazard.
PRIORITY_RANK = {p.value: i for i, p in enumerate(Priority)}
HAZARD_RANK = {h.value: i for i, h in enumerate(Hazard)}
