"""Dispatching emergencies in the embedded core: choose from the cache, confirm under lock.

The choice itself is ``scheduling.emergency`` (pure). Here it is made real: the cached
roster proposes an operative, their days are locked and read afresh, the same choice is
made again on that fresh read, and only then is the booking written, in the caller's
transaction, with the promised arrival and both targets on it.
"""

from __future__ import annotations

from common.calendar import LONDON
from scheduling.embedded.fresh import operative_roster
from scheduling.embedded.locking import DayLocks, check_keys, new_reference
from scheduling.embedded.models import SchedulingBooking
from scheduling.embedded.rest import RestKeeper
from scheduling.emergency import DispatchOption, choose, targets
from scheduling.oncall import minutes_of
from scheduling.port import (
    AttendTargetMissed,
    Booking,
    Job,
    NoOperativeAvailable,
)
from scheduling.roster import local_moment, pinned_window
from scheduling.windows import Settings


class EmergencyDispatch(RestKeeper):
    """The ``dispatch`` operation of ``EmbeddedCore`` (mixed into it)."""

    settings: Settings

    def dispatch(
        self, job: Job, idempotency_key: str | None = None, accept_late: bool = False
    ) -> Booking:
        """Send an emergency to the operative who can arrive soonest, on shift or on call.

        Nobody within the attend target: AttendTargetMissed, nothing booked, unless
        ``accept_late`` (then the soonest arrival is booked and says it is late). Nobody
        within the make-safe target: NoOperativeAvailable. The same key books once.
        """
        job = self._located(job, with_patch=True)
        idempotency_key = idempotency_key or f"dispatch:{job.reference}"
        check_keys(job.reference, idempotency_key)
        if found := self._by_key(idempotency_key, job.reference):
            return found
        now = self.clock()
        due = targets(self.settings, now)
        for _attempt in range(3):
            with self.cache.lock:
                roster = self.cache.current(self.session, now)
                option = choose(roster, job, now)
                plan = self._rest_plan(roster, option) if option is not None else {}
            if option is None:
                raise NoOperativeAvailable(
                    "no qualified operative can make this safe in time",
                    due.attend_by,
                    due.make_safe_by,
                )
            if not option.attend_met and not accept_late:
                raise AttendTargetMissed(
                    "no operative can arrive within the attend target",
                    due.attend_by,
                    due.make_safe_by,
                    option.arrival,
                    option.operative_id,
                    option.on_call,
                )
            locks = DayLocks(self.session)
            locks.lock(_days_touched(option, plan))
            today = now.astimezone(LONDON).date()
            fresh_roster = operative_roster(
                self.session,
                self.settings,
                option.operative_id,
                today,
                max(due.make_safe_by.astimezone(LONDON).date(), *option.rested_days, option.day),
                today,
                duties=option.on_call,
            )
            fresh = choose(fresh_roster, job, now, only=frozenset({option.operative_id}))
            same = fresh is not None and (fresh.duty_id, fresh.day) == (option.duty_id, option.day)
            if same and (fresh.attend_met or accept_late):
                row = self._dispatched(job, fresh, idempotency_key, locks, due)
                if row.oncall_duty_id is not None:
                    self._keep_windows(row, plan, locks)
                return self._booking(row)
        raise NoOperativeAvailable(
            "the operatives who could come are changing; try again",
            due.attend_by,
            due.make_safe_by,
        )

    def _dispatched(self, job: Job, option: DispatchOption, idempotency_key, locks, due):
        start = minutes_of(option.day, option.arrival)
        earliest, latest = pinned_window(start)
        row = SchedulingBooking(
            reference=new_reference(),
            job_reference=job.reference,
            operative_id=option.operative_id,
            day=option.day,
            window="on_call" if option.on_call else "emergency",
            starts_at=local_moment(option.day, earliest),
            ends_at=local_moment(option.day, latest),
            planned_start=option.arrival,
            promised_arrival=option.arrival,
            attend_by=due.attend_by,
            make_safe_by=due.make_safe_by,
            oncall_duty_id=option.duty_id,
            duration_minutes=job.duration_minutes,
            trade=job.trade,
            latitude=job.latitude,
            longitude=job.longitude,
            sequence=option.insertion.sequence if option.insertion else 0.0,
            status="dispatched",
            idempotency_key=idempotency_key,
            revision=locks.revision(),
        )
        self.session.add(row)
        self.session.flush()
        return row


def _days_touched(option: DispatchOption, plan: dict) -> set:
    """The operative-days a dispatch writes to, locked before the fresh read: the
    operative's, and those of colleagues who may take over jobs the rest displaces."""
    days = {(option.operative_id, option.day)}
    days |= {(option.operative_id, day) for day in option.rested_days}
    days |= {(other, day) for day, others in plan.values() for other in others}
    if option.on_call:
        days.add((option.operative_id, None))  # their rota: the duty's call-outs and cap
    return days
