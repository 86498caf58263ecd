"""A repair as the scheduling core sees it: a job of a trade, a length, a place, a deadline."""

from __future__ import annotations

from datetime import date, timedelta

from common.calendar import local
from repairs.models import Repair
from scheduling import Job


def job_for(
    repair: Repair,
    *,
    after: date | None = None,
    preferred_days: frozenset[int] = frozenset(),
    preferred_windows: frozenset[str] = frozenset(),
) -> Job:
    """The job to plan for ``repair``: never later than its target day."""
    place = repair.home or repair.block
    return Job(
        reference=repair.reference,
        trade=repair.trade or "general_operative",
        duration_minutes=repair.estimated_minutes or 60,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        priority=repair.priority or "routine",
        earliest=after + timedelta(days=1) if after else None,
        latest=local(repair.target_at).date() if repair.target_at else None,
        preferred_days=preferred_days,
        preferred_windows=preferred_windows,
        uprn=place.uprn if place else None,
        patch=place.patch if place else None,
    )
