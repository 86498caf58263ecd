"""The on-call rota in the database: duties read into the roster, call-outs placed on them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.calendar import LONDON
from scheduling.embedded.models import SchedulingOnCallDuty
from scheduling.oncall import CallOut
from scheduling.port import OnCallDuty


def duty_from_row(row: SchedulingOnCallDuty, callouts: int = 0, name: str = "") -> OnCallDuty:
    return OnCallDuty(
        operative_id=row.operative_id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        trades=frozenset(row.trades or ()),
        patches=frozenset(row.patches or ()),
        max_callouts=row.max_callouts,
        id=row.id,
        callouts=callouts,
        operative_name=name,
    )


def load_duties(
    session: Session, first: date, last: date, operative_ids: list[int] | None = None
) -> list[OnCallDuty]:
    """Duties on at any moment from the start of ``first`` to the end of ``last`` (London)."""
    start = datetime.combine(first, time(0), tzinfo=LONDON)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=LONDON)
    query = select(SchedulingOnCallDuty).where(
        SchedulingOnCallDuty.starts_at < end, SchedulingOnCallDuty.ends_at > start
    )
    if operative_ids is not None:
        query = query.where(SchedulingOnCallDuty.operative_id.in_(operative_ids))
    return [duty_from_row(row) for row in session.scalars(query.order_by(SchedulingOnCallDuty.id))]


def callout_for(row) -> CallOut:
    """A call-out booking row (with ``oncall_duty_id``) as the roster keeps it."""
    arrival = row.planned_start
    return CallOut(
        key=row.id,
        duty_id=row.oncall_duty_id,
        operative_id=row.operative_id,
        arrival=arrival,
        finish=arrival + timedelta(minutes=row.duration_minutes),
        latitude=row.latitude,
        longitude=row.longitude,
    )
