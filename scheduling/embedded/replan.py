"""The embedded core's re-plan: solve from a snapshot, then apply under the day's locks.

The solver never holds a lock: it plans from the day as read, while bookings go on. Then,
in the caller's transaction, every operative-day of that day is locked exactly as a
booking locks one, the day is read again, the plan is brought up to date
(``scheduling.replan.merge``) and judged by the booking's own rules; only a plan that
keeps every promise and beats the day as booked by the margin is written. The record of
the run is written in the same transaction, so a rolled-back run leaves no trace.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.calendar import LONDON
from repairs.references import ALPHABET
from scheduling.embedded.models import SchedulingBooking, SchedulingReplan
from scheduling.embedded.store import bump_revision, load_operatives, stop_for
from scheduling.port import (
    RELEASED_STATUSES,
    BookingNotFound,
    DayNotPlannable,
    InvalidJob,
    JobMove,
    Replan,
    ReplanConflict,
)
from scheduling.replan import covers, day_problem, evaluate, solve, worth_applying
from scheduling.replan.merge import merge
from scheduling.replan.problem import DayProblem, Plan
from scheduling.replan.settings import ReplanSettings
from scheduling.roster import Roster, local_moment
from scheduling.wire import move_from_json, move_to_json


def _day_rows(session: Session, day: date) -> dict[int, SchedulingBooking]:
    query = select(SchedulingBooking).where(
        SchedulingBooking.day == day, SchedulingBooking.status.not_in(RELEASED_STATUSES)
    )
    # Read afresh even rows this session already holds: the second read must see changes.
    rows = session.scalars(query.execution_options(populate_existing=True))
    return {row.id: row for row in rows}


def _fixed(row: SchedulingBooking) -> bool:
    """Started, dispatched, finished or pinned: the job stays with its operative."""
    return row.pinned or row.status != "booked"


def _problem(core, day: date, rows: dict[int, SchedulingBooking]) -> DayProblem:
    today = core.clock().astimezone(LONDON).date()
    roster = Roster(core.settings, load_operatives(core.session, today))
    for row in rows.values():
        roster.place(row.operative_id, day, stop_for(row))
    trades = {key: row.trade for key, row in rows.items()}
    return day_problem(roster, day, trades, {key for key, row in rows.items() if _fixed(row)})


def _check(core, day: date, idempotency_key: str | None) -> None:
    today = core.clock().astimezone(LONDON).date()
    if not isinstance(day, date) or day <= today:
        raise DayNotPlannable("only a day after today can be re-planned", {"day": "a future day"})
    if day > today + timedelta(days=core.settings.horizon_days):
        raise DayNotPlannable("that day is past the horizon", {"day": "a day inside the horizon"})
    if idempotency_key is not None and not 8 <= len(str(idempotency_key)) <= 80:
        raise InvalidJob(
            "the re-plan request is not complete",
            {"idempotency_key": "give an idempotency key of 8 to 80 characters"},
        )


def replan_day(
    core,
    locks,
    settings: ReplanSettings,
    day: date,
    idempotency_key: str | None = None,
    time_limit_seconds: float | None = None,
) -> Replan:
    """Re-plan ``day`` and apply the plan if it is worth it (see the module's docstring)."""
    _check(core, day, idempotency_key)
    session = core.session
    if idempotency_key and (found := _by_key(session, idempotency_key)):
        return found
    rows = _day_rows(session, day)
    seen = {key: row.revision for key, row in rows.items()}
    problem = _problem(core, day, rows)
    operatives = set(problem.shifts) | {row.operative_id for row in rows.values()}
    seconds = time_limit_seconds or settings.time_limit_seconds
    solved = solve(problem, seconds, settings.workers, settings.balance_km_per_hour)
    # Every operative-day of the day, locked as a booking locks one, then read again.
    locks.lock({(op, day) for op in operatives})
    fresh_rows = _day_rows(session, day)
    fresh = _problem(core, day, fresh_rows)
    if {row.operative_id for row in fresh_rows.values()} - operatives or set(fresh.shifts) - set(
        problem.shifts
    ):
        raise ReplanConflict("the day's operatives changed during the re-plan; run it again")
    revisions = {key: row.revision for key, row in fresh_rows.items()}
    problem, plan = merge(problem, solved.plan, seen, fresh.visits, revisions)
    before, after = evaluate(problem, problem.current_plan()), evaluate(problem, plan)
    apply, reason = worth_applying(before, after, settings.min_saving)
    if apply and not covers(problem, plan):  # never expected; never written if it happens
        apply, reason = False, "the plan does not hold every job exactly once"
    record = SchedulingReplan(
        reference=_reference(),
        day=day,
        status="applied" if apply else "discarded",
        idempotency_key=idempotency_key,
        jobs=len(problem.visits),
        km_before=round(before.km, 3),
        km_after=round(after.km if apply else before.km, 3),
        solver_seconds=round(solved.seconds, 3),
        reason=reason[:200],
        moves=[],
    )
    if apply:
        moves, reordered = _write(problem, plan, fresh_rows, locks.revision())
        record.moves = [move_to_json(m) for m in moves]
        record.reordered = reordered
    session.add(record)
    session.flush()
    return _replan(record)


def _write(problem: DayProblem, plan: Plan, rows, revision: int) -> tuple[list[JobMove], int]:
    """Give each booking its new operative, place and planned start; return the moves."""
    moves, reordered = [], 0
    before = problem.current_plan()
    for op, keys in sorted(plan.items()):
        route = problem.route(op, keys)
        stayed = [key for key in keys if rows[key].operative_id == op]
        was = [key for key in before.get(op, []) if key in set(stayed)]
        reordered += sum(a != b for a, b in zip(stayed, was, strict=True))
        for n, (key, start) in enumerate(zip(keys, route.planned_starts(), strict=True), 1):
            row = rows[key]
            planned = local_moment(problem.day, start)
            if row.operative_id != op:
                moves.append(
                    JobMove(
                        booking_reference=row.reference,
                        job_reference=row.job_reference,
                        window=row.window,
                        from_operative_id=row.operative_id,
                        to_operative_id=op,
                        planned_start_before=row.planned_start,
                        planned_start=planned,
                    )
                )
            if (row.operative_id, row.sequence, row.planned_start) != (op, float(n), planned):
                row.operative_id, row.sequence, row.planned_start = op, float(n), planned
                row.revision = revision
    return moves, reordered


def _reference() -> str:
    return "RP-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def _by_key(session: Session, key: str) -> Replan | None:
    found = session.scalar(select(SchedulingReplan).where(SchedulingReplan.idempotency_key == key))
    return _replan(found) if found else None


def _replan(record: SchedulingReplan) -> Replan:
    return Replan(
        day=record.day,
        status=record.status,
        reference=record.reference,
        jobs=record.jobs,
        km_before=record.km_before,
        km_after=record.km_after,
        moves=tuple(move_from_json(m) for m in record.moves or ()),
        reordered=record.reordered,
        solver_seconds=record.solver_seconds,
        reason=record.reason,
    )


def pin(session: Session, booking_reference: str, pinned: bool = True) -> SchedulingBooking:
    """Pin a booking to its operative (the re-plan will not move it), or release it.

    Bumps the change counter, so a re-plan running meanwhile sees the pin before applying.
    """
    row = session.scalar(
        select(SchedulingBooking).where(SchedulingBooking.reference == str(booking_reference)[:16])
    )
    if row is None:
        raise BookingNotFound(f"there is no booking {str(booking_reference)[:16]!r}")
    if row.pinned != pinned:
        row.pinned = pinned
        row.revision = bump_revision(session)
        session.flush()
    return row
