"""The on-call rota operations of the embedded core: read a day's rota, add, remove."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from common.calendar import LONDON, bank_holidays
from repairs.models import Operative
from scheduling.embedded.locking import DayLocks
from scheduling.embedded.models import SchedulingBooking, SchedulingOnCallDuty
from scheduling.embedded.oncall_store import duty_from_row, load_duties
from scheduling.embedded.store import load_operatives
from scheduling.oncall import duty_kind
from scheduling.port import (
    RELEASED_STATUSES,
    DutyInUse,
    DutyNotFound,
    DutyRefused,
    InvalidJob,
    OnCallDuty,
    Rota,
)
from scheduling.rota import problems
from scheduling.windows import Settings


class RotaOperations:
    """``rota``, ``add_duty`` and ``remove_duty`` of ``EmbeddedCore`` (mixed into it)."""

    settings: Settings

    def rota(self, day: date) -> Rota:
        """Who is on call at any moment of ``day`` (London), with the emergency targets."""
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InvalidJob("give a date", {"date": "a date like 2026-12-01"})
        s = self.settings
        if not 2000 <= day.year <= 2100:
            # Nobody is ever on call so far from now: an empty rota, not an error.
            return Rota(
                day,
                s.attend_hours,
                s.make_safe_hours,
                s.oncall_rest_hours,
                s.oncall_max_callouts,
                (),
            )
        start = datetime.combine(day, time(0), tzinfo=LONDON)
        end = start + timedelta(days=1)
        taken = (
            select(SchedulingBooking.oncall_duty_id, func.count().label("n"))
            .where(SchedulingBooking.status.not_in(RELEASED_STATUSES))
            .group_by(SchedulingBooking.oncall_duty_id)
            .subquery()
        )
        rows = self.session.execute(
            select(SchedulingOnCallDuty, Operative.name, func.coalesce(taken.c.n, 0))
            .join(Operative, Operative.id == SchedulingOnCallDuty.operative_id)
            .outerjoin(taken, taken.c.oncall_duty_id == SchedulingOnCallDuty.id)
            .where(SchedulingOnCallDuty.starts_at < end, SchedulingOnCallDuty.ends_at > start)
            .order_by(SchedulingOnCallDuty.starts_at, SchedulingOnCallDuty.id)
        )
        s = self.settings
        return Rota(
            day=day,
            attend_hours=s.attend_hours,
            make_safe_hours=s.make_safe_hours,
            rest_hours=s.oncall_rest_hours,
            max_callouts=s.oncall_max_callouts,
            duties=tuple(_with_kind(duty_from_row(row, n, name)) for row, name, n in rows),
        )

    def add_duty(self, duty: OnCallDuty) -> OnCallDuty:
        """Put an operative on call; InvalidJob names each rule the duty would break."""
        if duty.starts_at.tzinfo is None or duty.ends_at.tzinfo is None:
            raise DutyRefused("the duty cannot go on the rota", {"starts_at": "give UTC offsets"})
        if not all(2000 <= t.year <= 2100 for t in (duty.starts_at, duty.ends_at)):
            raise DutyRefused("the duty cannot go on the rota", {"starts_at": "2000 to 2100"})
        first = duty.starts_at.astimezone(LONDON).date()
        last = duty.ends_at.astimezone(LONDON).date()
        DayLocks(self.session).lock({(duty.operative_id, None)})
        op = load_operatives(self.session, first, [duty.operative_id]).get(duty.operative_id)
        others = load_duties(self.session, first, last, [duty.operative_id])
        patches = frozenset(self.session.scalars(select(Operative.patch).distinct()))
        errors = problems(duty, op, others, bank_holidays(), patches)
        if errors:
            raise DutyRefused("the duty cannot go on the rota", errors)
        row = SchedulingOnCallDuty(
            operative_id=duty.operative_id,
            starts_at=duty.starts_at,
            ends_at=duty.ends_at,
            trades=sorted(duty.trades),
            patches=sorted(duty.patches),
            max_callouts=duty.max_callouts,
        )
        self.session.add(row)
        self.session.flush()
        return _with_kind(duty_from_row(row, 0, self.session.get(Operative, op.id).name))

    def remove_duty(self, duty_id: int) -> OnCallDuty:
        """Take a duty off the rota, unless it has taken a call-out (then DutyInUse)."""
        row = self.session.get(SchedulingOnCallDuty, duty_id) if _whole(duty_id) else None
        if row is None:
            raise DutyNotFound(f"there is no on-call duty {str(duty_id)[:20]!r}")
        DayLocks(self.session).lock({(row.operative_id, None)})
        used = self.session.scalar(
            select(func.count())
            .select_from(SchedulingBooking)
            .where(SchedulingBooking.oncall_duty_id == row.id)
        )
        if used:
            raise DutyInUse(f"duty {row.id} has taken {used} call-out(s) and stays on the record")
        duty = _with_kind(duty_from_row(row))
        self.session.delete(row)
        self.session.flush()
        return duty


def _with_kind(duty: OnCallDuty) -> OnCallDuty:
    return replace(duty, kind=duty_kind(duty.starts_at, bank_holidays()))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31
