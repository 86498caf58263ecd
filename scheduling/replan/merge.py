"""A plan re-checked against the bookings that changed while the solver ran.

The solver works on a snapshot, for a minute, without holding any lock: tenants keep
booking, rebooking and cancelling. Under the day's locks the core reads the day again and
brings the plan up to date before judging it:
- a booking cancelled or moved away is dropped from the plan;
- a booking made meanwhile, or one that changed (pinned, dispatched, started, moved by a
  rebook), goes to the operative it is now booked with, at the cheapest place in that
  operative's new route that keeps its window; if there is none, the plan is stale and
  the run must start again (ReplanConflict).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from scheduling.port import ReplanConflict
from scheduling.replan.problem import DayProblem, Plan, Visit


def _unchanged(old: Visit | None, new: Visit) -> bool:
    return old is not None and replace(old, sequence=new.sequence) == new


def merge(
    problem: DayProblem,
    plan: Plan,
    seen: Mapping[int, int],
    fresh: Mapping[int, Visit],
    revisions: Mapping[int, int],
) -> tuple[DayProblem, Plan]:
    """``problem`` and ``plan`` brought up to the day as it now stands.

    ``seen`` and ``revisions`` give each booking's change counter in the snapshot and now;
    ``fresh`` is every booking taking time in the day now, as a Visit.
    """
    changed = {k for k in fresh if k not in seen or revisions[k] != seen[k]}
    gone = set(seen) - set(fresh)
    if not changed and not gone:
        return problem, plan
    placed_at = {key: op for op, keys in plan.items() for key in keys}
    again = {
        k
        for k in changed
        if not _unchanged(problem.visits.get(k), fresh[k])
        or (fresh[k].fixed and placed_at.get(k) != fresh[k].operative_id)
    }
    merged: Plan = {
        op: [k for k in keys if k not in gone and k not in again] for op, keys in plan.items()
    }
    visits = {k: v for k, v in problem.visits.items() if k not in gone}
    visits.update({k: fresh[k] for k in changed})
    homes = dict(problem.homes)
    updated = DayProblem(problem.day, problem.travel, problem.shifts, visits, homes)
    for key in sorted(again, key=lambda k: (fresh[k].sequence, k)):
        visit = fresh[key]
        keys = merged.setdefault(visit.operative_id, [])
        route = updated.route(visit.operative_id, keys) if keys else None
        if route is None:
            route = updated.route(visit.operative_id, [key])
            if not route.feasible:
                raise ReplanConflict("a booking made during the re-plan cannot be kept")
            keys.append(key)
            continue
        found = route.best_insertions(
            visit.latitude,
            visit.longitude,
            visit.duration,
            [(visit.window_start, visit.window_end)],
        )[0]
        if found is None:
            raise ReplanConflict("bookings changed during the re-plan; run it again")
        keys.insert(found.position, key)
    return updated, {op: keys for op, keys in merged.items() if keys}
