"""Due times: the landlord's repair targets and the Awaab's Law clocks.

Working days come from ``repairs.working_days`` (England and Wales bank holidays) so
triage, scheduling and reporting can never count a deadline differently. A working-day
target is met any time on its last day, hence the end of that day in London.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from repairs.working_days import LONDON, end_of_working_day, local

from .model import Settings


def _settings(settings: Settings | None) -> Settings:
    if settings is not None:
        return settings
    from .loader import default_ruleset  # late: the loader imports this module's users

    return default_ruleset().settings


def priority_due(priority: str, reported_at: datetime,
                 settings: Settings | None = None) -> datetime:
    """When a repair of this priority must be attended, counted from the report."""
    s = _settings(settings)
    start = local(reported_at)
    if priority == "emergency":
        return start + timedelta(hours=s.emergency_hours)
    if priority == "urgent":
        return end_of_working_day(start, s.urgent_working_days)
    if priority == "routine":
        return end_of_working_day(start, s.routine_working_days)
    raise ValueError(f"unknown priority {priority!r}")


def awaab_clocks(hazard: str, reported_at: datetime, investigated_at: datetime | None = None,
                 settings: Settings | None = None) -> dict[str, datetime]:
    """Every Awaab's Law due time that can be known yet, by name.

    A significant hazard's later clocks run from the investigation, so they appear only
    once ``investigated_at`` is given. An emergency hazard must be investigated and made
    safe within hours of the report.
    """
    s = _settings(settings)
    start = local(reported_at)
    if hazard == "none":
        return {}
    if hazard == "awaab_emergency":
        due = start + timedelta(hours=s.awaab_emergency_hours)
        return {"investigate_by": due, "make_safe_by": due}
    if hazard != "awaab_significant":
        raise ValueError(f"unknown hazard {hazard!r}")
    clocks = {"investigate_by": end_of_working_day(start, s.awaab_investigate_working_days)}
    if investigated_at is not None:
        done = local(investigated_at)
        preventative_day = done.date() + timedelta(weeks=s.awaab_preventative_weeks)
        clocks.update(
            written_summary_by=end_of_working_day(done, s.awaab_summary_working_days),
            safety_work_by=end_of_working_day(done, s.awaab_safety_work_working_days),
            preventative_work_by=datetime.combine(preventative_day, time(23, 59, 59),
                                                  tzinfo=LONDON),
        )
    return clocks
