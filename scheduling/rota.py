"""Building an on-call rota from the workforce, and the rules every duty must keep.

Pure. Out of hours is every moment no day shift covers: on a working day from the end of
the standard shift (16:00) to 08:00 the next morning; on a weekend day or bank holiday
from 08:00 to 08:00. Each such period is one duty per operative on call, so the cap on
call-outs per duty is a cap per night.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from math import atan2

from common.calendar import LONDON
from scheduling.port import OnCallDuty
from scheduling.roster import OperativeInfo

WEEKNIGHT_FROM = time(16, 0)
MORNING = time(8, 0)
# Operatives on call a night, by trade: every trade that gets emergencies, more where
# emergencies are many (the month benchmark sizes these: see the README).
PER_NIGHT = (
    ("gas_engineer", 4),
    ("plumber", 3),
    ("electrician", 2),
    ("carpenter", 1),
    ("glazier", 1),
    ("general_operative", 1),
    ("plasterer", 1),
    ("roofer", 1),
    ("surveyor", 1),
)
LONGEST_DUTY = timedelta(hours=24)


def out_of_hours(day: date, holidays: frozenset[date]) -> tuple[datetime, datetime]:
    """The on-call period that starts on ``day``."""
    working = day.weekday() < 5 and day not in holidays
    start = datetime.combine(day, WEEKNIGHT_FROM if working else MORNING, tzinfo=LONDON)
    return start, datetime.combine(day + timedelta(days=1), MORNING, tzinfo=LONDON)


def shifts(op: OperativeInfo, first: date, last: date, holidays: frozenset[date]):
    """The operative's shifts from ``first`` to ``last`` as (start, end) moments."""
    day = first
    while day <= last:
        if op.works(day) and day not in holidays:
            start, end = op.pattern[day.weekday()]
            midnight = datetime.combine(day, time(0), tzinfo=LONDON)
            yield midnight + timedelta(minutes=start), midnight + timedelta(minutes=end)
        day += timedelta(days=1)


def problems(
    duty: OnCallDuty,
    op: OperativeInfo | None,
    others: Iterable[OnCallDuty],
    holidays: frozenset[date],
    patches: frozenset[str],
) -> dict[str, str]:
    """What stops ``duty`` going on the rota, by field; empty when it may.

    An operative is on call only for trades they hold, for at most a day at a time, never
    while on shift or away, and never on two duties at once. The rest owed after a
    call-out is taken from their next shift when it happens (``scheduling.oncall``).
    """
    errors: dict[str, str] = {}
    if op is None:
        return {"operative_id": "no active operative has this id"}
    if duty.starts_at.tzinfo is None or duty.ends_at.tzinfo is None:
        return {"starts_at": "give times with their UTC offset"}
    if not duty.starts_at < duty.ends_at <= duty.starts_at + LONGEST_DUTY:
        errors["ends_at"] = "a duty must end after it starts, and last at most 24 hours"
    if not duty.trades or not duty.trades <= op.trades:
        errors["trades"] = "give one or more of the operative's own trades"
    if not duty.patches <= patches:
        errors["patches"] = "use the landlord's patches: " + ", ".join(sorted(patches))
    if duty.max_callouts is not None and not 1 <= duty.max_callouts <= 20:
        errors["max_callouts"] = "from 1 to 20 call-outs"
    if errors:
        return errors
    first = duty.starts_at.astimezone(LONDON).date()
    last = duty.ends_at.astimezone(LONDON).date()
    if any(a <= last and first <= b for a, b in op.absences):
        errors["starts_at"] = "the operative is away then"
    elif any(s < duty.ends_at and duty.starts_at < e for s, e in shifts(op, first, last, holidays)):
        errors["starts_at"] = "the operative is on shift then"
    elif any(o.starts_at < duty.ends_at and duty.starts_at < o.ends_at for o in others):
        errors["starts_at"] = "the operative is already on call then"
    return errors


def patch_groups(operatives: Iterable[OperativeInfo], count: int) -> list[frozenset[str]]:
    """The patches split into ``count`` neighbouring groups (one whole-city group for 1).

    Patches are ordered by the bearing of their operatives' homes from the middle of the
    workforce, so each group is a slice of the city.
    """
    if count <= 1:
        return [frozenset()]
    homes: dict[str, list[tuple[float, float]]] = {}
    for op in operatives:
        homes.setdefault(op.patch, []).append((op.home_latitude, op.home_longitude))
    every = [p for points in homes.values() for p in points]
    mid = (sum(p[0] for p in every) / len(every), sum(p[1] for p in every) / len(every))

    def bearing(patch: str) -> float:
        points = homes[patch]
        lat = sum(p[0] for p in points) / len(points) - mid[0]
        lon = sum(p[1] for p in points) / len(points) - mid[1]
        return atan2(lat, lon)

    ordered = sorted(homes, key=bearing)
    size = len(ordered) / count
    return [frozenset(ordered[round(i * size) : round((i + 1) * size)]) for i in range(count)]


def build_rota(
    operatives: Mapping[int, OperativeInfo],
    first: date,
    last: date,
    holidays: frozenset[date],
    per_night: Iterable[tuple[str, int]] = PER_NIGHT,
) -> list[OnCallDuty]:
    """A fair rota from ``first`` to ``last``.

    For each trade and night, one operative for each slice of the city: someone living in
    it who has waited longest since their last duty, never two nights running, never
    while on shift or away. Ids run from 1.
    """
    team = sorted(operatives.values(), key=lambda op: op.id)
    per_night = list(per_night)
    groups = {trade: patch_groups(team, count) for trade, count in per_night}
    last_duty: dict[int, date] = {}
    duties: list[OnCallDuty] = []
    day = first
    while day <= last:
        start, end = out_of_hours(day, holidays)
        tonight: set[int] = set()
        for trade, count in per_night:
            chosen = _longest_rested(
                team, trade, count, start, end, day, holidays, tonight, last_duty
            )
            for op, patches in _by_slice(chosen, groups[trade]):
                tonight.add(op.id)
                last_duty[op.id] = day
                duties.append(OnCallDuty(op.id, start, end, op.trades, patches, id=len(duties) + 1))
        day += timedelta(days=1)
    return duties


def _longest_rested(team, trade, count, start, end, day, holidays, tonight, last_duty):
    """The ``count`` operatives of the trade free tonight who have waited longest."""

    def free(op: OperativeInfo) -> bool:
        if trade not in op.trades or op.id in tonight:
            return False
        if last_duty.get(op.id) == day - timedelta(days=1):
            return False  # never two nights running
        duty = OnCallDuty(op.id, start, end, frozenset({trade}))
        return not problems(duty, op, (), holidays, frozenset())

    ready = sorted(
        (op for op in team if free(op)), key=lambda op: (last_duty.get(op.id, date.min), op.id)
    )
    return ready[:count]


def _by_slice(chosen: list[OperativeInfo], groups: list[frozenset[str]]):
    """Give each slice of the city to someone chosen who lives in it, where possible.

    Fewer chosen than slices (too few free tonight): the last takes the slices left over,
    and one alone takes the whole city.
    """
    left = list(chosen)
    if not chosen:
        return
    if len(chosen) < len(groups):
        rest = frozenset().union(*groups[len(chosen) - 1 :]) if len(chosen) > 1 else frozenset()
        groups = [*groups[: len(chosen) - 1], rest]
    for patches in groups:
        op = next((o for o in left if not patches or o.patch in patches), left[0])
        left.remove(op)
        yield op, patches
