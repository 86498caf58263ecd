"""Keeping day work honest after a call-out: the rest pushes a morning, windows are kept.

The rest owed after a night call-out pushes the start of the operative's next shift. The
jobs booked into that shift are re-checked against the later start; each one that no
longer fits moves to a colleague who can keep the same window that day (a rebooking the
tenant need not notice: the window is the promise, not the person). Jobs nobody can
keep stay where they are and are reported as displaced, for the caller to rebook.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from common.calendar import LONDON
from scheduling.embedded.fresh import operative_roster
from scheduling.embedded.locking import new_reference
from scheduling.embedded.models import SchedulingBooking
from scheduling.embedded.store import stop_for
from scheduling.emergency import DispatchOption, elsewhere
from scheduling.oncall import dropped_stops
from scheduling.roster import local_moment
from scheduling.windows import Settings

# A booking moved away from a call-out's rest: "rest:<call-out>:<booking moved>".
REST_KEY = "rest:{callout}:{moved}"


class RestKeeper:
    """Re-checks the days a call-out's rest reaches (mixed into ``EmbeddedCore``)."""

    settings: Settings

    def _rest_plan(self, roster, option: DispatchOption) -> dict[int, tuple[date, list[int]]]:
        """For each job the call-out would displace: its day, and who else could keep it."""
        if not option.displaced:
            return {}
        trades = dict(
            self.session.execute(
                select(SchedulingBooking.id, SchedulingBooking.trade).where(
                    SchedulingBooking.id.in_(option.displaced)
                )
            ).all()
        )
        plan = {}
        for day in option.rested_days:
            route = roster.routes.get((option.operative_id, day))
            for stop in route.stops if route is not None else ():
                if stop.key in trades:
                    others = elsewhere(roster, stop, trades[stop.key], day, option.operative_id)
                    plan[stop.key] = (day, [op_id for op_id, _ in others])
        return plan

    def _keep_windows(self, callout: SchedulingBooking, plan, locks) -> None:
        """Move each job the call-out's rest now breaks to a colleague, window kept.

        Every operative-day involved is already locked by the caller.
        """
        today = self.clock().astimezone(LONDON).date()
        for key in self._broken(callout):
            old = self.session.get(SchedulingBooking, key)
            day, others = plan.get(key, (old.day, []))
            stop = stop_for(old)
            for other in others:
                roster = operative_roster(self.session, self.settings, other, day, day, today)
                route = roster.route(other, day)
                fit = None
                if route is not None:
                    span = [(stop.window_start, stop.window_end)]
                    fit = route.best_insertions(
                        old.latitude, old.longitude, old.duration_minutes, span
                    )[0]
                if fit is None:
                    continue
                self.session.add(_moved(old, other, fit, callout, locks.revision()))
                old.status, old.revision = "rebooked", locks.revision()
                self.session.flush()
                break

    def _broken(self, callout: SchedulingBooking) -> list[int]:
        """Booked jobs on the days the call-out's rest reaches that can no longer be kept."""
        today = self.clock().astimezone(LONDON).date()
        finish = callout.planned_start + timedelta(minutes=callout.duration_minutes)
        rested = finish + timedelta(hours=self.settings.oncall_rest_hours)
        first, last = max(callout.day, today), rested.astimezone(LONDON).date()
        if last < first:
            return []
        roster = operative_roster(
            self.session, self.settings, callout.operative_id, first, last, today
        )
        keys: list[int] = []
        for (_op, _day), route in sorted(roster.routes.items()):
            if route.stops and not route.keeps_promises:
                keys += dropped_stops(route, route.shift_start)
        return keys

    def _displaced(self, callout: SchedulingBooking) -> tuple[str, ...]:
        """References of the jobs the call-out's rest breaks and nobody could take over."""
        keys = self._broken(callout)
        if not keys:
            return ()
        return tuple(
            self.session.scalars(
                select(SchedulingBooking.reference)
                .where(SchedulingBooking.id.in_(keys))
                .order_by(SchedulingBooking.day, SchedulingBooking.sequence)
            )
        )

    def _reassigned(self, callout: SchedulingBooking) -> tuple[tuple[str, str], ...]:
        """(old, new) references of the jobs moved to a colleague, window kept."""
        finish = callout.planned_start + timedelta(minutes=callout.duration_minutes)
        last = (finish + timedelta(hours=self.settings.oncall_rest_hours)).astimezone(LONDON)
        mine = self.session.scalars(
            select(SchedulingBooking.reference).where(
                SchedulingBooking.operative_id == callout.operative_id,
                SchedulingBooking.day >= callout.day,
                SchedulingBooking.day <= last.date(),
                SchedulingBooking.status == "rebooked",
            )
        )
        # Exact keys, so both look-ups use an index however large the table grows.
        keys = {REST_KEY.format(callout=callout.reference, moved=ref): ref for ref in mine}
        if not keys:
            return ()
        moved = self.session.execute(
            select(SchedulingBooking.idempotency_key, SchedulingBooking.reference)
            .where(SchedulingBooking.idempotency_key.in_(keys))
            .order_by(SchedulingBooking.id)
        )
        return tuple((keys[key], reference) for key, reference in moved)


def _moved(old: SchedulingBooking, operative_id: int, fit, callout, revision: int):
    return SchedulingBooking(
        reference=new_reference(),
        job_reference=old.job_reference,
        operative_id=operative_id,
        day=old.day,
        window=old.window,
        starts_at=old.starts_at,
        ends_at=old.ends_at,
        planned_start=local_moment(old.day, fit.start),
        promised_arrival=old.promised_arrival,
        attend_by=old.attend_by,
        make_safe_by=old.make_safe_by,
        duration_minutes=old.duration_minutes,
        trade=old.trade,
        latitude=old.latitude,
        longitude=old.longitude,
        sequence=fit.sequence,
        status=old.status,
        idempotency_key=REST_KEY.format(callout=callout.reference, moved=old.reference),
        replaces_id=old.id,
        revision=revision,
    )
