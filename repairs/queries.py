"""Read-side queries every channel shares: what a household or member of staff may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from common.calendar import local
from repairs.lifecycle import OPEN_STATUSES
from repairs.models import (
    Appointment,
    OutboundMessage,
    Person,
    Repair,
    RepairEvent,
    Tenancy,
    TenancyMember,
)
from repairs.services.access import Household, household_of

PAGE_SIZE = 20
ADULT_AGE = 18


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Repair]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class Listing:
    """A household's open repairs (all of them), then a page of its history."""

    open: list[Repair]
    history: Page


def is_adult(person: Person, on: date) -> bool:
    born = person.date_of_birth
    if born is None:
        return True  # not recorded: the tenancy lists them, so the landlord treats them so
    return (on.year - born.year - ((on.month, on.day) < (born.month, born.day))) >= ADULT_AGE


def signable_person(session: Session, mobile: str, now: datetime) -> Person | None:
    """The adult named on a current tenancy who holds ``mobile``, if any (leads first)."""
    today = local(now).date()
    rows = session.execute(
        select(Person, Tenancy)
        .join(TenancyMember, TenancyMember.person_id == Person.id)
        .join(Tenancy, Tenancy.id == TenancyMember.tenancy_id)
        .where(Person.mobile == mobile)
        .order_by(case((TenancyMember.role == "lead", 0), else_=1), Person.id)
    ).all()
    return next(
        (p for p, t in rows if t.is_current(today) and is_adult(p, today)),
        None,
    )


def _postcode(raw: str) -> str:
    return "".join(raw.split()).upper()


def proves_tenancy(
    session: Session, person_id: int, reference: str, postcode: str, now: datetime
) -> bool:
    """Whether ``reference`` and ``postcode`` are those of the person's current tenancy."""
    household = household_of(session, person_id, local(now).date())
    return (
        household is not None
        and household.tenancy.reference.upper() == reference.strip().upper()
        and _postcode(household.home.postcode) == _postcode(postcode)
    )


def _visible(household: Household):
    """What a household may see: its home's repairs and its block's communal ones,
    reported since its tenancy began (``repairs.services.access.visible_to`` in SQL)."""
    home = household.home
    where = Repair.property_id == home.id
    if home.block_id is not None:
        where = or_(where, and_(Repair.property_id.is_(None), Repair.block_id == home.block_id))
    return and_(where, Repair.reported_at >= household.since)


def household_repairs(session: Session, household: Household, page: int = 1) -> Listing:
    """Open repairs first (every one), then the closed ones newest first, a page at a time."""
    visible = _visible(household)
    is_open = Repair.status.in_([s.value for s in OPEN_STATUSES])
    newest = (Repair.reported_at.desc(), Repair.id.desc())
    open_items = session.scalars(select(Repair).where(visible, is_open).order_by(*newest)).all()
    closed = and_(visible, ~is_open)
    total = session.scalar(select(func.count()).select_from(Repair).where(closed))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    items = session.scalars(
        select(Repair)
        .where(closed)
        .order_by(*newest)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return Listing(list(open_items), Page(list(items), page, pages, total))


@dataclass(frozen=True, slots=True)
class RepairView:
    repair: Repair
    events: list[RepairEvent]
    appointments: list[Appointment]
    messages: list[OutboundMessage]


def household_repair(session: Session, household: Household, reference: str) -> RepairView | None:
    """One repair the household may see, with its audit trail, appointments and messages."""
    repair = session.scalar(
        select(Repair).where(Repair.reference == reference[:12], _visible(household))
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
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    messages = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.repair_id == repair.id)
        .order_by(OutboundMessage.created_at, OutboundMessage.id)
    ).all()
    return RepairView(repair, list(events), list(appointments), list(messages))


def open_repairs_by_priority(session: Session) -> dict[str, int]:
    """Open repairs per priority, for the staff overview: counted, never typed in."""
    rows = session.execute(
        select(Repair.priority, func.count())
        .where(Repair.status.notin_(["completed", "cancelled"]))
        .group_by(Repair.priority)
    ).all()
    return {priority or "untriaged": count for priority, count in rows}
