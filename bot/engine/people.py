"""Who is texting: the tenants whose mobile this is, and their repairs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from repairs.lifecycle import OPEN_STATUSES
from repairs.models import Appointment, ConsentEvent, Person, Property, Repair
from repairs.services.access import Household, household_of


@dataclass(frozen=True)
class Tenant:
    person: Person
    home: Property


def tenants_for(session: Session, address: str, on: date) -> list[Tenant]:
    """Everyone with this mobile who holds a current tenancy, each person once.

    One number can belong to several people (a parent who gave it for a grown-up child's
    tenancy too); the conversation then asks which home a message is about.
    """
    found: list[Tenant] = []
    for person in session.scalars(select(Person).where(Person.mobile == address)):
        household = household_of(session, person.id, on)
        if household is not None:
            found.append(Tenant(person, household.home))
    return found


def number_opted_out(session: Session, address: str) -> bool:
    """Whether the last STOP or START from a number we cannot match was a STOP."""
    kind = session.scalar(
        select(ConsentEvent.kind)
        .where(ConsentEvent.address == address)
        .order_by(ConsentEvent.occurred_at.desc(), ConsentEvent.id.desc())
        .limit(1)
    )
    return kind == "opted_out"


def household_repairs(session: Session, household: Household, statuses=OPEN_STATUSES):
    """The household's repairs in ``statuses`` (its home's, and its block's shared
    areas' since the tenancy began), newest first: what the tenant may see."""
    home = household.home
    where = [Repair.property_id == home.id]
    if home.block_id is not None:
        where.append((Repair.block_id == home.block_id) & Repair.property_id.is_(None))
    return list(
        session.scalars(
            select(Repair)
            .where(
                or_(*where),
                Repair.reported_at >= household.since,
                Repair.status.in_(list(statuses)),
            )
            .order_by(Repair.reported_at.desc(), Repair.id.desc())
            .limit(50)
        )
    )


def booked_appointments(session: Session, repairs: list[Repair]) -> dict[int, Appointment]:
    """Each repair's booked appointment, by repair id."""
    if not repairs:
        return {}
    rows = session.scalars(
        select(Appointment)
        .where(Appointment.repair_id.in_([r.id for r in repairs]), Appointment.status == "booked")
        .order_by(Appointment.id)
    )
    return {a.repair_id: a for a in rows}
