"""Due times, computed in one place: the landlord's repair targets and Awaab's Law clocks.

Triage states them on an outcome, the services store them on the repair, the scheduling
core offers nothing later than the target, and reports judge against them: all through
these functions, so no two of them can count a deadline differently. A working-day
target is met any time on its last day, hence the end of that day in London.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from common.calendar import LONDON, end_of_working_day, local


@dataclass(frozen=True)
class Targets:
    """The landlord's targets; the triage rule files' ``settings.yaml`` sets them."""

    emergency_hours: int = 24
    urgent_working_days: int = 5
    routine_working_days: int = 20
    awaab_investigate_working_days: int = 10
    awaab_summary_working_days: int = 3
    awaab_safety_work_working_days: int = 5
    awaab_preventative_weeks: int = 12
    awaab_emergency_hours: int = 24

    def working_days(self, priority: str) -> int:
        if priority == "urgent":
            return self.urgent_working_days
        if priority == "routine":
            return self.routine_working_days
        raise ValueError(f"{priority!r} has no working-day target")


def priority_due(priority: str, reported_at: datetime, targets: Targets | None = None) -> datetime:
    """When a repair of this priority must be attended, counted from the report."""
    t = targets or Targets()
    start = local(reported_at)
    if priority == "emergency":
        return start + timedelta(hours=t.emergency_hours)
    if priority in ("urgent", "routine"):
        return end_of_working_day(start, t.working_days(priority))
    raise ValueError(f"unknown priority {priority!r}")


def target_day(priority: str, reported_at: datetime, targets: Targets | None = None) -> date:
    """The last London day on which a repair of this priority meets its target."""
    return local(priority_due(priority, reported_at, targets)).date()


def awaab_clocks(
    hazard: str,
    reported_at: datetime,
    investigated_at: datetime | None = None,
    targets: Targets | None = None,
) -> dict[str, datetime]:
    """Every Awaab's Law due time that can be known yet, by name.

    A significant hazard's later clocks run from the investigation, so they appear only
    once ``investigated_at`` is given. An emergency hazard must be investigated and made
    safe within hours of the report.
    """
    t = targets or Targets()
    start = local(reported_at)
    if hazard == "none":
        return {}
    if hazard == "awaab_emergency":
        due = start + timedelta(hours=t.awaab_emergency_hours)
        return {"investigate_by": due, "make_safe_by": due}
    if hazard != "awaab_significant":
        raise ValueError(f"unknown hazard {hazard!r}")
    clocks = {"investigate_by": end_of_working_day(start, t.awaab_investigate_working_days)}
    if investigated_at is not None:
        done = local(investigated_at)
        preventative_day = done.date() + timedelta(weeks=t.awaab_preventative_weeks)
        clocks.update(
            written_summary_by=end_of_working_day(done, t.awaab_summary_working_days),
            safety_work_by=end_of_working_day(done, t.awaab_safety_work_working_days),
            preventative_work_by=datetime.combine(
                preventative_day, time(23, 59, 59), tzinfo=LONDON
            ),
        )
    return clocks
