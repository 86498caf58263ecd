"""The figures, each counted by the database in one grouped query.

- Repairs completed within target (TSM RP02): of repairs completed in the period, those
  completed by their target time, emergency and non-emergency apart (and by priority).
- Appointments kept: of appointment windows that ended in the period (not cancelled or
  moved beforehand; emergency visits have no window), those where the operative arrived
  inside the window.
- First-visit completion: of repairs completed in the period with at least one visit,
  those that needed exactly one.
- Reports by channel: repairs reported in the period, by how they reached us.
- Awaab's Law: clocks that fell due in the period, and how many were met (the
  investigation by its deadline; the safety work, that is the repair completed, by its).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from common.codes import Priority, values
from repairs.models import Appointment, Repair
from repairs.performance.scope import HAZARDS, Scope, with_patch

PRIORITIES = values(Priority)


@dataclass(frozen=True)
class Ratio:
    met: int
    of: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.met / self.of, 1) if self.of else None


def count_if(expression):
    return func.coalesce(func.sum(case((expression, 1), else_=0)), 0)


def within_target(session: Session, scope: Scope) -> dict[str, Ratio]:
    """By priority, plus 'emergency_all' and 'non_emergency' (RP02's two measures)."""
    query = with_patch(
        select(Repair.priority, func.count(), count_if(Repair.completed_at <= Repair.target_at)),
        scope,
    ).where(Repair.completed_at >= scope.start, Repair.completed_at < scope.end)
    by = dict.fromkeys(PRIORITIES, Ratio(0, 0))
    by.update(
        (p or "untriaged", Ratio(int(m), int(n)))
        for p, n, m in session.execute(query.group_by(Repair.priority))
    )
    non = [r for p, r in by.items() if p != "emergency"]
    return {
        **by,
        "emergency_all": by.get("emergency", Ratio(0, 0)),
        "non_emergency": Ratio(sum(r.met for r in non), sum(r.of for r in non)),
    }


def appointment_due():
    """Appointments that had a promised window, kept or not."""
    return and_(
        Appointment.window != "emergency",
        Appointment.status.in_(("attended", "no_access", "booked")),
    )


def arrived_in_window():
    return and_(
        Appointment.arrived_at.is_not(None),
        Appointment.arrived_at >= Appointment.starts_at,
        Appointment.arrived_at <= Appointment.ends_at,
    )


def appointments_kept(session: Session, scope: Scope) -> Ratio:
    query = with_patch(
        select(func.count(), count_if(arrived_in_window()))
        .select_from(Appointment)
        .join(Repair, Repair.id == Appointment.repair_id),
        scope,
    ).where(
        appointment_due(),
        Appointment.ends_at >= scope.start,
        Appointment.ends_at < scope.due_end,
    )
    n, kept = session.execute(query).one()
    return Ratio(int(kept), int(n))


def visits():
    """How many times an operative arrived for the repair."""
    return (
        select(func.count())
        .where(Appointment.repair_id == Repair.id, Appointment.arrived_at.is_not(None))
        .correlate(Repair)
        .scalar_subquery()
    )


# Past this many days, one pass over every visit beats looking up each repair's visits.
LONG_PERIOD_DAYS = 90


def first_visit(session: Session, scope: Scope) -> dict[str, Ratio]:
    long = (scope.last - scope.first).days > LONG_PERIOD_DAYS
    query = _first_visit_scanned(scope) if long else _first_visit_looked_up(scope)
    by = dict.fromkeys(PRIORITIES, Ratio(0, 0))
    by.update((p or "untriaged", Ratio(int(m), int(n))) for p, n, m in session.execute(query))
    return {**by, "all": Ratio(sum(r.met for r in by.values()), sum(r.of for r in by.values()))}


def _completed_in(scope: Scope):
    return and_(Repair.completed_at >= scope.start, Repair.completed_at < scope.end)


def _first_visit_scanned(scope: Scope):
    """Visits counted for every repair in one pass over the appointments' index."""
    counted = (
        select(Appointment.repair_id, func.count().label("visits"))
        .where(Appointment.arrived_at.is_not(None))
        .group_by(Appointment.repair_id)
        .subquery()
    )
    return (
        with_patch(
            select(Repair.priority, func.count(), count_if(counted.c.visits == 1)).join(
                counted, counted.c.repair_id == Repair.id
            ),
            scope,
        )
        .where(_completed_in(scope))
        .group_by(Repair.priority)
    )


def _first_visit_looked_up(scope: Scope):
    """Visits looked up repair by repair, for the repairs completed in a short period."""
    per_repair = (
        with_patch(
            select(Repair.priority, func.count().label("visits")).join(
                Appointment, Appointment.repair_id == Repair.id
            ),
            scope,
        )
        .where(_completed_in(scope), Appointment.arrived_at.is_not(None))
        .group_by(Repair.id, Repair.priority)
        .subquery()
    )
    return select(per_repair.c.priority, func.count(), count_if(per_repair.c.visits == 1)).group_by(
        per_repair.c.priority
    )


def by_channel(session: Session, scope: Scope) -> dict[str, int]:
    query = with_patch(select(Repair.channel, func.count()), scope).where(
        Repair.reported_at >= scope.start, Repair.reported_at < scope.end
    )
    return {c: int(n) for c, n in session.execute(query.group_by(Repair.channel))}


def investigated_at_or_first_visit():
    first_arrival = (
        select(func.min(Appointment.arrived_at))
        .where(Appointment.repair_id == Repair.id)
        .correlate(Repair)
        .scalar_subquery()
    )
    return func.coalesce(Repair.investigated_at, first_arrival)


def awaab(session: Session, scope: Scope) -> dict[str, Ratio]:
    """'investigate': investigations due in the period; 'safety_work': safety work due."""
    investigated = investigated_at_or_first_visit()
    clocks = {
        "investigate": (Repair.awaab_investigate_by, investigated),
        "safety_work": (Repair.awaab_safety_work_by, Repair.completed_at),
    }
    result = {}
    for name, (due, done) in clocks.items():
        query = with_patch(
            select(func.count(), count_if(and_(done.is_not(None), done <= due))), scope
        ).where(
            Repair.hazard.in_(HAZARDS),
            Repair.status != "cancelled",
            due >= scope.start,
            due < scope.due_end,
        )
        n, met = session.execute(query).one()
        result[name] = Ratio(int(met), int(n))
    return result
