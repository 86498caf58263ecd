"""Homes and the blocks whose communal areas the landlord also repairs."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from repairs.models.base import Base

PROPERTY_KINDS = ("house", "flat", "maisonette", "bungalow")


class Block(Base):
    """A building of flats: lifts, door entry, stairwells and bin stores belong here."""

    __tablename__ = "block"

    id: Mapped[int] = mapped_column(primary_key=True)
    uprn: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    address_line_1: Mapped[str] = mapped_column(String(120))
    postcode: Mapped[str] = mapped_column(String(8), index=True)
    latitude: Mapped[float]
    longitude: Mapped[float]
    patch: Mapped[str] = mapped_column(String(40), index=True)
    storeys: Mapped[int]
    lifts: Mapped[int] = mapped_column(default=0)

    homes: Mapped[list[Property]] = relationship(back_populates="block")


class Property(Base):
    """One home, identified nationally by its UPRN."""

    __tablename__ = "property"

    id: Mapped[int] = mapped_column(primary_key=True)
    uprn: Mapped[str] = mapped_column(String(12), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    address_line_1: Mapped[str] = mapped_column(String(120))
    address_line_2: Mapped[str | None] = mapped_column(String(120))
    town: Mapped[str] = mapped_column(String(60))
    postcode: Mapped[str] = mapped_column(String(8), index=True)
    latitude: Mapped[float]
    longitude: Mapped[float]
    patch: Mapped[str] = mapped_column(String(40), index=True)
    bedrooms: Mapped[int]
    floor: Mapped[int] = mapped_column(default=0)
    block_id: Mapped[int | None] = mapped_column(ForeignKey("block.id"), index=True)

    block: Mapped[Block | None] = relationship(back_populates="homes")

    @property
    def address(self) -> str:
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(p for p in parts if p)
