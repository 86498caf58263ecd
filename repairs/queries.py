"""Read-side queries every channel shares: what a household or member of staff may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from repairs.models import Appointment, Person, Repair, RepairEvent, Tenancy, TenancyMember

PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Repair]
    page: int
    pages: int
    total: int


def tenant_for_sign_in(
    session: Session, mobile: str, tenancy_reference: str, on: date | None = None
) -> tuple[Person, Tenancy] | None:
    """The person holding ``mobile`` in the current tenancy ``tenancy_reference``, if any."""
    on = on or date.today()
    rows = session.execute(
        select(Person, Tenancy)
        .join(TenancyMember, TenancyMember.person_id == Person.id)
        .join(Tenancy, Tenancy.id == TenancyMember.tenancy_id)
        .where(Person.mobile == mobile, Tenancy.reference == tenancy_reference)
    ).all()
    return next(((p, t) for p, t in rows if t.is_current(on)), None)


def household_repairs(session: Session, property_id: int, page: int = 1) -> Page:
    """A household's repairs, newest first: only those at the home they live in."""
    total = session.scalar(select(func.count()).where(Repair.property_id == property_id))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    items = session.scalars(
        select(Repair)
        .where(Repair.property_id == property_id)
        .order_by(Repair.reported_at.desc(), Repair.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return Page(items=list(items), page=page, pages=pages, total=total)


def household_repair(
    session: Session, property_id: int, reference: str
) -> tuple[Repair, list[RepairEvent], list[Appointment]] | None:
    repair = session.scalar(
        select(Repair).where(Repair.reference == reference, Repair.property_id == property_id)
    )
    if repair is None:
        return None
    events = session.scalars(
        select(RepairEvent)
        .where(RepairEvent.repair_id == repair.id)
        .order_by(RepairEvent.occurred_at, RepairEvent.id)
    ).all()
    appointments = session.scalars(
        select(Appointment)
        .where(Appointment.repair_id == repair.id)
        .order_by(Appointment.starts_at)
    ).all()
    return repair, list(events), list(appointments)


def open_repairs_by_priority(session: Session) -> dict[str, int]:
    """Open repairs per priority, for the staff overview: counted, never typed in."""
    rows = session.execute(
        select(Repair.priority, func.count())
        .where(Repair.status.notin_(["completed", "cancelled"]))
        .group_by(Repair.priority)
    ).all()
    return {priority or "untriaged": count for priority, count in rows}
