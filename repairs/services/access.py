"""Who may see and change which repair.

A tenant acts for their household: repairs at their home, and communal repairs of their
block, reported since their tenancy began. Staff see every repair; what they may change
depends on their role. Anything a tenant may not see is "not found", never "forbidden",
so a guessed reference reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.calendar import LONDON, local
from common.i18n import N_
from repairs.audit import Actor
from repairs.models import Person, Property, Repair, Tenancy, TenancyMember
from repairs.services.context import Context
from repairs.services.errors import FORBIDDEN, NOT_FOUND, ServiceError

# Roles that may change a triage outcome, and those that may act for any tenant.
TRIAGE_ROLES = frozenset({"agent", "supervisor", "surveyor", "admin"})


@dataclass(frozen=True)
class Household:
    person: Person
    tenancy: Tenancy
    home: Property

    @property
    def since(self) -> datetime:
        return datetime.combine(self.tenancy.start_date, time.min, tzinfo=LONDON)


def household_of(session: Session, person_id: int, on: date | None = None) -> Household | None:
    """The person's current tenancy and home, or None when they have none."""
    on = on or date.today()
    rows = session.execute(
        select(Person, Tenancy)
        .join(TenancyMember, TenancyMember.person_id == Person.id)
        .join(Tenancy, Tenancy.id == TenancyMember.tenancy_id)
        .where(Person.id == person_id)
        .order_by(Tenancy.start_date.desc())
    ).all()
    for person, tenancy in rows:
        if tenancy.is_current(on):
            return Household(person, tenancy, tenancy.home)
    return None


def visible_to(household: Household, repair: Repair) -> bool:
    """Whether a tenant of ``household`` may see ``repair``."""
    if repair.reported_at < household.since:
        return False
    if repair.property_id is not None:
        return repair.property_id == household.home.id
    block_id = household.home.block_id
    return block_id is not None and repair.block_id == block_id


def not_found(reference: str) -> ServiceError:
    return ServiceError(
        NOT_FOUND, N_("We could not find repair %(reference)s", reference=str(reference)[:20])
    )


def repair_for(ctx: Context, actor: Actor, reference: str) -> Repair:
    """The repair ``reference`` if ``actor`` may see it; otherwise not found."""
    session = ctx.session
    query = select(Repair).where(Repair.reference == str(reference).strip().upper()[:12])
    repair = session.scalar(query)
    if repair is None:
        raise not_found(reference)
    if actor.is_staff or actor.kind in ("system", "operative", "scheduler"):
        return repair
    if actor.is_tenant:
        household = household_of(session, actor.id, local(ctx.now()).date())
        if household is not None and visible_to(household, repair):
            return repair
    raise not_found(reference)


def require_staff(actor: Actor, roles: frozenset[str] = TRIAGE_ROLES) -> None:
    if not actor.is_staff or actor.role not in roles:
        raise ServiceError(FORBIDDEN, N_("Only contact-centre staff can do that"))
