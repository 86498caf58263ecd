"""One operative's days read afresh from the database, under their locks, for re-checking."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from scheduling.embedded.models import SchedulingBooking
from scheduling.embedded.oncall_store import callout_for, load_duties
from scheduling.embedded.store import BOOKING_COLUMNS, load_operatives, stop_for
from scheduling.port import RELEASED_STATUSES
from scheduling.roster import Roster
from scheduling.windows import Settings


def operative_roster(
    session: Session,
    settings: Settings,
    operative_id: int,
    first: date,
    last: date,
    today: date,
    exclude: int | None = None,
    duties: bool = False,
) -> Roster:
    """A roster of one operative's days ``first`` to ``last``: their booked jobs, and the
    call-outs (from the day before on) whose rest may push those days' starts; their
    duties too when ``duties``. ``exclude`` leaves one booking out (a rebook's own)."""
    roster = Roster(settings, load_operatives(session, today, [operative_id]))
    before = first - timedelta(days=1)
    if duties:
        for duty in load_duties(session, before, last, [operative_id]):
            roster.oncall.add_duty(duty)
    query = select(*BOOKING_COLUMNS).where(
        SchedulingBooking.operative_id == operative_id,
        SchedulingBooking.day >= before,
        SchedulingBooking.day <= last,
        SchedulingBooking.status.not_in(RELEASED_STATUSES),
        # From the day before, only call-outs: their rest may reach into ``first``.
        or_(SchedulingBooking.day >= first, SchedulingBooking.oncall_duty_id.is_not(None)),
    )
    if exclude is not None:
        query = query.where(SchedulingBooking.id != exclude)
    for row in session.execute(query):
        if row.oncall_duty_id is not None:
            roster.place_callout(callout_for(row))
        elif row.day >= first:
            roster.place(operative_id, row.day, stop_for(row))
    return roster
