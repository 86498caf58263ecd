"""Tenancies: who holds which home, and who lives there with them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from repairs.models.base import Base
from repairs.models.person import Person
from repairs.models.property import Property

MEMBER_ROLES = ("lead", "joint", "household")


class Tenancy(Base):
    __tablename__ = "tenancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("property.id"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]

    home: Mapped[Property] = relationship()
    members: Mapped[list[TenancyMember]] = relationship(
        back_populates="tenancy", cascade="all, delete-orphan"
    )

    def is_current(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class TenancyMember(Base):
    __tablename__ = "tenancy_member"
    __table_args__ = (UniqueConstraint("tenancy_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenancy_id: Mapped[int] = mapped_column(ForeignKey("tenancy.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))

    tenancy: Mapped[Tenancy] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()
