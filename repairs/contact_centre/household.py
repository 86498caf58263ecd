"""What the contact centre sees of one household and of one repair."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from repairs.models import (
    Appointment,
    OutboundMessage,
    Person,
    Property,
    Repair,
    RepairEvent,
    Tenancy,
    TenancyMember,
    WorkItem,
)

MAX_REPAIRS = 200  # a household page, not an archive: older ones are in the audit export


@dataclass
class Timeline:
    events: dict[int, list[RepairEvent]] = field(default_factory=dict)
    appointments: dict[int, list[Appointment]] = field(default_factory=dict)

    def of(self, repair: Repair) -> list[RepairEvent]:
        return self.events.get(repair.id, [])

    def appointments_of(self, repair: Repair) -> list[Appointment]:
        return self.appointments.get(repair.id, [])


@dataclass
class HouseholdView:
    tenancy: Tenancy
    home: Property
    members: list[tuple[str, Person]]
    repairs: list[Repair]
    communal: list[Repair]
    timeline: Timeline
    work: list[WorkItem]

    @property
    def lead(self) -> Person | None:
        return next((p for role, p in self.members if role == "lead"), None) or (
            self.members[0][1] if self.members else None
        )

    @property
    def open_repairs(self) -> list[Repair]:
        return [r for r in self.repairs if r.is_open]


def timeline_of(session: Session, repair_ids: list[int]) -> Timeline:
    """Events and appointments of several repairs, in two queries."""
    timeline = Timeline(defaultdict(list), defaultdict(list))
    if not repair_ids:
        return timeline
    for event in session.scalars(
        select(RepairEvent)
        .where(RepairEvent.repair_id.in_(repair_ids))
        .order_by(RepairEvent.occurred_at, RepairEvent.id)
    ):
        timeline.events[event.repair_id].append(event)
    for appointment in session.scalars(
        select(Appointment)
        .where(Appointment.repair_id.in_(repair_ids))
        .order_by(Appointment.starts_at, Appointment.id)
    ):
        timeline.appointments[appointment.repair_id].append(appointment)
    return timeline


def household_view(session: Session, tenancy_reference: str) -> HouseholdView | None:
    tenancy = session.scalar(
        select(Tenancy).where(Tenancy.reference == tenancy_reference.strip().upper()[:20])
    )
    if tenancy is None:
        return None
    home = tenancy.home
    members = [
        (m.role, m.person) for m in sorted(tenancy.members, key=lambda m: (m.role != "lead", m.id))
    ]
    repairs = list(
        session.scalars(
            select(Repair)
            .where(Repair.property_id == home.id)
            .order_by(Repair.reported_at.desc(), Repair.id.desc())
            .limit(MAX_REPAIRS)
        )
    )
    communal = []
    if home.block_id is not None:
        communal = list(
            session.scalars(
                select(Repair)
                .where(
                    Repair.block_id == home.block_id,
                    Repair.status.notin_(("completed", "cancelled")),
                )
                .order_by(Repair.reported_at.desc())
            )
        )
    people = [p.id for _, p in members]
    repair_ids = [r.id for r in repairs]
    work = list(
        session.scalars(
            select(WorkItem)
            .where(
                WorkItem.status.in_(("open", "assigned")),
                or_(WorkItem.person_id.in_(people), WorkItem.repair_id.in_(repair_ids)),
            )
            .order_by(WorkItem.created_at)
        )
    )
    return HouseholdView(
        tenancy, home, members, repairs, communal, timeline_of(session, repair_ids), work
    )


@dataclass
class RepairView:
    repair: Repair
    tenancy: Tenancy | None
    events: list[RepairEvent]
    appointments: list[Appointment]
    messages: list[OutboundMessage]
    work: list[WorkItem]

    @property
    def active_appointment(self) -> Appointment | None:
        return next((a for a in reversed(self.appointments) if a.status == "booked"), None)

    @property
    def safety_look_open(self) -> bool:
        """Whether the words still wait for a person to read them for a hidden emergency."""
        return any(w.kind == "safety_review" and w.is_open for w in self.work)


def repair_view(session: Session, reference: str) -> RepairView | None:
    repair = session.scalar(select(Repair).where(Repair.reference == reference.upper()[:12]))
    if repair is None:
        return None
    tenancy = None
    if repair.property_id is not None:
        tenancy = session.scalar(
            select(Tenancy)
            .where(Tenancy.property_id == repair.property_id)
            .order_by(Tenancy.start_date.desc())
        )
    elif repair.reported_by_id is not None:
        tenancy = session.scalar(
            select(Tenancy)
            .join(TenancyMember)
            .where(TenancyMember.person_id == repair.reported_by_id)
            .order_by(Tenancy.start_date.desc())
        )
    timeline = timeline_of(session, [repair.id])
    messages = list(
        session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.repair_id == repair.id)
            .order_by(OutboundMessage.created_at, OutboundMessage.id)
        )
    )
    work = list(
        session.scalars(
            select(WorkItem).where(WorkItem.repair_id == repair.id).order_by(WorkItem.created_at)
        )
    )
    return RepairView(
        repair, tenancy, timeline.of(repair), timeline.appointments_of(repair), messages, work
    )
