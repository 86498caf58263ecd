"""The period and patch every figure is counted over, and the filters they make."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from common.calendar import LONDON, local
from common.codes import Hazard
from repairs.models import Block, Property, Repair

# The Awaab's Law hazard classes (every one but "none"), named so an index finds them.
HAZARDS = tuple(h.value for h in Hazard if h != Hazard.NONE)
PRESETS = (
    "last_7_days",
    "last_30_days",
    "last_3_months",
    "last_12_months",
    "this_year",
    "last_year",
)


@dataclass(frozen=True)
class Scope:
    """London days ``first`` to ``last`` inclusive, as UTC instants [start, end), and a
    patch ('' for all). ``now`` caps what can have fallen due."""

    first: date
    last: date
    patch: str
    now: datetime

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=LONDON)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=LONDON)

    @property
    def due_end(self) -> datetime:
        """The end of the period, or now if sooner: nothing later has fallen due yet."""
        return min(self.end, self.now)


def financial_year_start(day: date) -> date:
    """Tenant Satisfaction Measures are reported by financial year, from 1 April."""
    year = day.year if day.month >= 4 else day.year - 1
    return date(year, 4, 1)


def preset(name: str, now: datetime, patch: str = "") -> Scope:
    today = local(now).date()
    if name == "last_7_days":
        first = today - timedelta(days=6)
    elif name == "last_3_months":
        first = today - timedelta(days=91)
    elif name == "last_12_months":
        first = today - timedelta(days=364)
    elif name == "this_year":
        first = financial_year_start(today)
    elif name == "last_year":
        last = financial_year_start(today) - timedelta(days=1)
        return Scope(financial_year_start(last), last, patch, now)
    else:
        first = today - timedelta(days=29)
    return Scope(first, today, patch, now)


def patch_of_repair():
    """A home's patch, or its block's for a communal repair."""
    return func.coalesce(Property.patch, Block.patch)


def in_patch(patch: str):
    """Repairs at homes of the patch, or to blocks of it (communal repairs)."""
    return or_(
        Repair.property_id.in_(select(Property.id).where(Property.patch == patch)),
        Repair.block_id.in_(select(Block.id).where(Block.patch == patch)),
    )


def with_patch(query, scope: Scope):
    """Keep only the scope's patch (the figures need no join for it)."""
    return query.where(in_patch(scope.patch)) if scope.patch else query


def with_patch_column(query, scope: Scope):
    """As ``with_patch``, joining what the rows' patch column needs."""
    query = query.outerjoin(Property, Property.id == Repair.property_id).outerjoin(
        Block, Block.id == Repair.block_id
    )
    return with_patch(query, scope)
