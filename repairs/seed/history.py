"""A year of repairs: reported, triaged, booked or dispatched, attended, completed.

Each repair walks a plausible timeline; only the steps that fall before "now" happen, so
the city ends with a realistic backlog of open work and every figure a dashboard shows
is derived from these rows rather than typed in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from common.calendar import LONDON, end_of_working_day
from repairs.references import ALPHABET, LENGTH, format_reference
from repairs.seed.catalogue import CATEGORIES, PRIORITIES
from repairs.seed.city import City
from repairs.seed.timeline import walk

REPAIRS_PER_YEAR = 170_000
CHANNELS = (("phone", 42), ("web", 33), ("sms", 13), ("whatsapp", 10), ("video", 2))
WINDOWS = (
    ("morning", "08:00", "12:00", 40),
    ("afternoon", "12:00", "16:00", 35),
    ("all_day", "08:00", "16:00", 15),
    ("school_run", "09:30", "14:30", 10),
)


@dataclass
class History:
    repairs: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    appointments: list[dict] = field(default_factory=list)


def _at(day: date, clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


class _Builder:
    def __init__(self, rng, city: City, operatives, staff_ids, now: datetime) -> None:
        self.rng, self.city, self.now, self.staff_ids = rng, city, now, staff_ids
        self.history = History()
        self.by_trade: dict[tuple[str, str], list[int]] = {}
        for op in operatives:
            for trade in op["trades"]:
                self.by_trade.setdefault((trade, op["patch"]), []).append(op["id"])
                self.by_trade.setdefault((trade, "*"), []).append(op["id"])
        self.references: set[str] = set()
        self.categories = list(CATEGORIES)
        self.category_weights = [CATEGORIES[c][0] for c in self.categories]

    def reference(self) -> str:
        while True:
            ref = format_reference(self.rng.randrange(len(ALPHABET) ** LENGTH))
            if ref not in self.references:
                self.references.add(ref)
                return ref

    def event(self, repair, at, kind, actor, channel, before, after) -> None:
        if at > self.now:
            return
        actor_kind, actor_id, label = actor
        self.history.events.append(
            {
                "repair_id": repair["id"],
                "occurred_at": at,
                "kind": kind,
                "actor_kind": actor_kind,
                "actor_id": actor_id,
                "actor_label": label,
                "channel": channel,
                "from_status": before,
                "to_status": after,
                "changes": {"status": [before, after]},
                "note": None,
            }
        )
        repair["status"] = after

    def operative(self, trade: str, patch: str) -> int:
        pool = self.by_trade.get((trade, patch)) or self.by_trade[(trade, "*")]
        return self.rng.choice(pool)

    def add(self, household, reported_at: datetime, category: str | None = None) -> dict:
        rng = self.rng
        home_id, person_id, flags, patch, block_id = household
        category = category or rng.choices(self.categories, self.category_weights)[0]
        _, trade, weights, minutes, texts = CATEGORIES[category]
        priority = rng.choices(PRIORITIES, weights)[0]
        channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        communal = category == "communal"
        repair = {
            "id": len(self.history.repairs) + 1,
            "reference": self.reference(),
            "property_id": None if communal and block_id else home_id,
            "block_id": block_id if communal else None,
            "reported_by_id": person_id,
            "raised_by_id": rng.choice(self.staff_ids) if channel == "phone" else None,
            "channel": channel,
            "description": rng.choice(texts),
            "location": None,
            "photos": [],
            "category": category,
            "problem": None,
            "trade": trade,
            "job_code": None,
            "estimated_minutes": minutes,
            "triage_confidence": 1.0,
            "ruleset_version": "seed",
            "priority": priority,
            "reported_at": reported_at,
            "target_at": _target(priority, reported_at),
            "hazard": "none",
            "awaab_investigate_by": None,
            "investigated_at": None,
            "awaab_summary_by": None,
            "awaab_safety_work_by": None,
            "awaab_preventative_by": None,
            "status": "reported",
            "completed_at": None,
            "cancelled_at": None,
            "updated_at": reported_at,
            "version": 1,
        }
        self.history.repairs.append(repair)
        self._walk(repair, patch, flags, minutes)
        return repair

    def _walk(self, repair, patch, flags, minutes) -> None:
        walk(self, repair, patch, minutes)


def _target(priority: str, reported_at: datetime) -> datetime:
    if priority == "emergency":
        return reported_at + timedelta(hours=24)
    return end_of_working_day(reported_at, 5 if priority == "urgent" else 20)


def build_history(
    rng: random.Random, city: City, operatives, staff_ids, now: datetime, days: int
) -> History:
    builder = _Builder(rng, city, operatives, staff_ids, now)
    today = now.astimezone(LONDON).date()
    span = [today - timedelta(days=n) for n in range(days, -1, -1)]
    day_weights = [1.0 if d.weekday() < 5 else 0.35 for d in span]
    count = round(REPAIRS_PER_YEAR * days / 365)
    hours = list(range(7, 22))
    hour_weights = [3, 6, 8, 8, 7, 6, 6, 6, 5, 5, 4, 4, 3, 2, 2]
    for day in rng.choices(span, day_weights, k=count):
        at = _at(day, f"{rng.choices(hours, hour_weights)[0]:02d}:{rng.randrange(60):02d}")
        if at > now:
            at = now - timedelta(minutes=rng.randint(5, 600))
        builder.add(rng.choice(city.households), at)
    _showcase(builder, city, now)
    return builder.history


def _showcase(builder: _Builder, city: City, now: datetime) -> None:
    """The demo tenant (household 1) always has open work to show: booked and awaiting."""
    household = city.households[0]
    builder.add(household, now - timedelta(days=2, hours=3), category="windows")
    builder.add(household, now - timedelta(hours=5), category="kitchen")
