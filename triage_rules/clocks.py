"""Due times of a triage outcome, by the rule files' targets.

The computation itself is ``common.deadlines`` (one place for every layer); this module
only supplies the targets the landlord set in ``settings.yaml``.
"""

from __future__ import annotations

from datetime import datetime

from common import deadlines

from .model import Settings


def priority_due(
    priority: str, reported_at: datetime, settings: Settings | None = None
) -> datetime:
    """When a repair of this priority must be attended, counted from the report."""
    return deadlines.priority_due(priority, reported_at, (settings or Settings()).targets)


def awaab_clocks(
    hazard: str,
    reported_at: datetime,
    investigated_at: datetime | None = None,
    settings: Settings | None = None,
) -> dict[str, datetime]:
    """Every Awaab's Law due time that can be known yet, by name (see ``common.deadlines``)."""
    return deadlines.awaab_clocks(
        hazard, reported_at, investigated_at, (settings or Settings()).targets
    )
