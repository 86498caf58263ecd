"""A month of demand: travel-aware offers against first-available offers, and emergencies.

The demo city (25,000 homes, 150 operatives in 12 trades over 5 patches, with their
working patterns, absences and the demo on-call rota of ``scheduling/rota.py``) meets six
weeks of repairs: two weeks to fill the diary, then the measured four weeks, about 14,000
jobs arriving through them (170,000 a year, weekends at a third of a weekday, at any hour:
most between 07:00 and 22:00, a few overnight). Trade, priority and duration follow the
seed's catalogue; about a fifth are emergencies, dispatched as the core dispatches them
(``scheduling/emergency.py``: the soonest arrival on shift or on call), the same way under
every policy. Every other job is offered ten slots by the same core, ranked two ways:

- travel-aware: least added travel first, with the weights of ``scheduling/ranking.py``
  (the embedded core's default ranking);
- travel-aware offers + nightly re-plan: the same offers, and at 22:00 each evening the
  next working day re-planned by the solver (``scheduling/replan``), as the embedded core
  does it (``bench/month_replan.py``);
- first-available: earliest day and window first, in three flavours: each slot given to
  the operative it suits best (our own operative choice, the same ``operative_cost`` as
  the travel-aware offers: the strictest baseline), to the home's patch team first (how
  the landlord plans today), or to the operative with the most time free that day (a
  diary-only scheduler that knows nothing of travel).

Preference model (stated by each tenant before the offer, passed to the core, and used
to choose among the ten slots):

- 45% have no preference and take the first slot offered;
- 25% want a window (morning 40%, afternoon 35%, school run 25%) and take the first
  offered slot in it, else the first slot;
- 20% can only do two given weekdays and take the first offered slot on one of them,
  else the first slot;
- 10% want it done soonest and take the earliest of the ten.

Figures are over the operative-days of the measured four weeks: kilometres driven (home,
jobs, home) per job done in day routes, and utilisation (minutes on those jobs / minutes of
shift worked). Emergencies: attended within the attend target, made safe within the
make-safe target (missed: nobody could), minutes from report to arrival (median, 95th
percentile), call-outs out of hours per on-call duty and per operative on the rota, and
booked jobs the rest after a call-out displaced (moved to a colleague in the same window,
or chosen again by the tenant). The hindsight line solves each measured day of the re-plan
strategy again once it is over, with every job known (emergencies too, each at the time it
was attended): the bound the nightly re-plan is measured against. Run with ``make
bench-scheduling``; about twenty minutes on two quiet cores with ``BENCH_REPLAN_SECONDS=20``
solver seconds a day (one core each).
"""

from __future__ import annotations

import os
import platform
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from dataclasses import replace as _replace
from datetime import UTC, date, datetime, timedelta

from month_emergencies import Emergencies, dispatch, duties_between, hours, on_call_operatives
from month_replan import NightlyReplan, hindsight_problem, solve_hindsight, timed_replan

from common.calendar import LONDON, bank_holidays
from repairs.seed.catalogue import CATEGORIES, PRIORITIES
from repairs.seed.city import build_city
from repairs.seed.workforce import build_operatives
from scheduling import Job
from scheduling.emergency import elsewhere
from scheduling.planner import Stop
from scheduling.roster import Candidate, OperativeInfo, Roster, local_moment, parse_pattern
from scheduling.rota import build_rota
from scheduling.slots import decode
from scheduling.windows import Settings

START = date(2027, 1, 11)  # a Monday, with no bank holiday in the six weeks after
WARM_UP_DAYS = int(os.environ.get("BENCH_WARM_UP_DAYS", "28"))
MEASURED_DAYS = int(os.environ.get("BENCH_MEASURED_DAYS", "30"))
JOBS_PER_YEAR = 170_000
# Reports come at any hour: most by day, a few overnight (the out-of-hours line).
HOURS = [*range(7, 24), *range(7)]
HOUR_WEIGHTS = [3, 6, 8, 8, 7, 6, 6, 6, 5, 5, 4, 4, 3, 2, 2, 2, 1.5, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 1]
WINDOW_CHOICE = (("morning", 40), ("afternoon", 35), ("school_run", 25))


@dataclass
class Result:
    policy: str
    jobs: int
    km: float
    job_minutes: float
    shift_minutes: float
    arrivals: int
    unplaced: int
    emergencies: Emergencies
    on_call_operatives: int
    duties: int
    waiting_days: float
    preference_met: float
    seconds: float
    replan_seconds: list[float] | None = None
    replan_saved: list[float] | None = None
    replan_repeats: int = 0
    hindsight: list | None = None  # each measured day's problem, as it finished
    largest: object | None = None


class LeastLoadedRoster(Roster):
    """The travel-blind scheduler: each window goes to the operative with most time free."""

    def _day_candidates(self, job, day, windows, operatives, pull):
        spans = [(w.start, w.end) for w in windows]
        best: list[tuple[float, object, int] | None] = [None] * len(windows)
        for op in operatives:
            route = self.route(op.id, day)
            if route is None:
                continue
            free = route.free_minutes()
            found = route.best_insertions(job.latitude, job.longitude, job.duration_minutes, spans)
            for i, insertion in enumerate(found):
                if insertion is not None and (best[i] is None or free > best[i][0]):
                    best[i] = (free, insertion, op.id)
        for window, chosen in zip(windows, best, strict=True):
            if chosen is not None:
                yield Candidate(chosen[2], day, window.name, chosen[1], chosen[1].added_km)


def _roster(settings: Settings, kind=Roster) -> tuple[Roster, list[tuple[float, float]]]:
    city = build_city(random.Random("2026:city"), 25_000, START)
    operatives, absences = build_operatives(random.Random("2026:workforce"), START)
    away: dict[int, list] = {}
    for a in absences:
        away.setdefault(a["operative_id"], []).append((a["starts_on"], a["ends_on"]))
    infos = {
        op["id"]: OperativeInfo(
            op["id"],
            frozenset(op["trades"]),
            op["home_latitude"],
            op["home_longitude"],
            parse_pattern(op["working_pattern"]),
            tuple(away.get(op["id"], ())),
            op["patch"],
        )
        for op in operatives
    }
    homes = [(p["latitude"], p["longitude"], p["patch"]) for p in city.properties]
    roster = kind(settings, infos)
    last = START + timedelta(days=WARM_UP_DAYS + MEASURED_DAYS + 1)
    for duty in build_rota(infos, START - timedelta(days=1), last, bank_holidays()):
        roster.oncall.add_duty(duty)
    return roster, homes


def _arrivals(rng: random.Random, homes) -> list[tuple[datetime, Job, str, object]]:
    days = [START + timedelta(days=n) for n in range(WARM_UP_DAYS + MEASURED_DAYS)]
    weights = [1.0 if d.weekday() < 5 else 0.35 for d in days]
    count = round(JOBS_PER_YEAR * len(days) / 365)
    categories = list(CATEGORIES)
    shares = [CATEGORIES[c][0] for c in categories]
    arrivals = []
    for n, day in enumerate(rng.choices(days, weights, k=count)):
        hour, minute = rng.choices(HOURS, HOUR_WEIGHTS)[0], rng.randrange(60)
        at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)
        _, trade, priority_weights, minutes, _ = CATEGORIES[rng.choices(categories, shares)[0]]
        priority = rng.choices(PRIORITIES, priority_weights)[0]
        lat, lon, patch = rng.choice(homes)
        kind, wish = _preference(rng)
        job = Job(
            f"M{n:06d}",
            trade,
            minutes,
            lat,
            lon,
            priority,
            preferred_days=frozenset(wish) if kind == "days" else frozenset(),
            preferred_windows=frozenset({wish}) if kind == "window" else frozenset(),
            patch=patch,
        )
        arrivals.append((at, job, kind, wish, patch))
    arrivals.sort(key=lambda a: (a[0], a[1].reference))
    return arrivals


def _preference(rng: random.Random) -> tuple[str, object]:
    draw = rng.random()
    if draw < 0.45:
        return "none", None
    if draw < 0.70:
        return "window", rng.choices(*zip(*WINDOW_CHOICE, strict=True))[0]
    if draw < 0.90:
        return "days", tuple(rng.sample(range(5), 2))
    return "soonest", None


def _choose(slots, kind: str, wish):
    if kind == "window":
        return next((s for s in slots if s.window == wish), slots[0]), any(
            s.window == wish for s in slots
        )
    if kind == "days":
        match = [s for s in slots if s.starts_at.astimezone(LONDON).weekday() in wish]
        return (match[0] if match else slots[0]), bool(match)
    if kind == "soonest":
        return min(slots, key=lambda s: s.starts_at), True
    return slots[0], True


def simulate(policy: str) -> Result:
    started = time.perf_counter()
    settings = Settings(horizon_days=28)
    roster, homes = _roster(settings, LeastLoadedRoster if policy == "blind" else Roster)
    arrivals = _arrivals(random.Random(2026), homes)
    measured_from = START + timedelta(days=WARM_UP_DAYS)
    measured_to = measured_from + timedelta(days=MEASURED_DAYS)
    key = 0
    unplaced = measured_arrivals = met = offered = 0
    waiting = 0.0
    emergencies = Emergencies()
    booked: dict[int, tuple] = {}  # key -> (job, kind, wish, patch, operative, day)
    patch_teams: dict[str, frozenset[int]] = {}
    for op in roster.operatives.values():
        patch_teams[op.patch] = patch_teams.get(op.patch, frozenset()) | {op.id}

    def offer_and_book(job, kind, wish, patch, at, key):
        if policy == "patch":
            # The old way: the home's own patch team only, earliest first, and the wider
            # workforce only when the patch has no slot before the target.
            slots = roster.offers(job, at, 10, "earliest", patch_teams[patch]) or roster.offers(
                job, at, 10, "earliest"
            )
        else:
            ranking = "travel" if policy in ("travel", "replan") else "earliest"
            slots = roster.offers(job, at, 10, ranking=ranking)
        if not slots:
            return None
        slot, pleased = _choose(slots, kind, wish)
        slot_key = decode(slot.id)
        insertion = roster.fit(slot_key, at)
        window = settings.window(slot_key.window)
        stop = Stop(
            key,
            job.latitude,
            job.longitude,
            window.start,
            window.end,
            job.duration_minutes,
            insertion.sequence,
        )
        roster.place(slot_key.operative_id, slot_key.day, stop)
        booked[key] = (job, kind, wish, patch, slot_key.operative_id, slot_key.day)
        return slot_key, window, pleased

    def rebook(moved: int, at) -> bool:
        """A job the rest after a call-out displaced: same window with a colleague, else
        the tenant chooses again (an emergency is dispatched again). True: window kept."""
        job, kind, wish, patch, operative, day = booked[moved]
        # The nightly re-plan may have given the job to a colleague since it was booked.
        operative, stop = next(
            (op, s)
            for (op, d), route in roster.routes.items()
            if d == day
            for s in route.stops
            if s.key == moved
        )
        roster.unplace(operative, day, moved)
        others = elsewhere(roster, stop, job.trade, day, operative, limit=1)
        if others:
            other, fit = others[0]
            roster.place(other, day, _replace(stop, sequence=fit.sequence))
            booked[moved] = (job, kind, wish, patch, other, day)
            return True
        if job.priority == "emergency":
            send(job, at, moved, Emergencies(), False)
        else:
            offer_and_book(job, kind, wish, patch, at, moved)
        return False

    def send(job, at, key, log, counted):
        option = dispatch(roster, job, at, key, log, counted, lambda moved: rebook(moved, at))
        if option is not None and not option.on_call:
            booked[key] = (job, "none", None, job.patch, option.operative_id, option.day)

    nightly = NightlyReplan(roster, measured_from) if policy == "replan" else None
    for at, job, kind, wish, patch in arrivals:
        key += 1
        if nightly is not None:
            nightly.before(at)
            nightly.note(key, job.trade, job.priority == "emergency")
        in_window = at.astimezone(LONDON).date() >= measured_from
        measured_arrivals += in_window
        if job.priority == "emergency":
            send(job, at, key, emergencies, in_window)
            continue
        placed = offer_and_book(job, kind, wish, patch, at, key)
        if placed is None:
            unplaced += in_window
            continue
        slot_key, window, pleased = placed
        if in_window:
            offered += 1
            met += pleased
            waiting += (local_moment(slot_key.day, window.start) - at).total_seconds() / 86400
    jobs = km = job_minutes = shift_minutes = 0.0
    day = measured_from
    while day < measured_to:
        for op in roster.operatives.values():
            route = roster.routes.get((op.id, day))
            if roster.is_open(day) and op.works(day):
                start, end = op.pattern[day.weekday()]
                shift_minutes += end - start
            if route is not None and route.stops:
                jobs += len(route.stops)
                km += route.route_km()
                job_minutes += sum(s.duration for s in route.stops)
        day += timedelta(days=1)
    days = [measured_from + timedelta(days=n) for n in range(MEASURED_DAYS)]
    extra = {}
    if nightly is not None:
        extra = {
            "replan_seconds": nightly.seconds,
            "replan_saved": nightly.saved,
            "replan_repeats": nightly.repeats,
            "hindsight": [
                hindsight_problem(roster, d, nightly.trades) for d in days if roster.is_open(d)
            ],
            "largest": nightly.largest,
        }
    return Result(
        policy,
        int(jobs),
        km,
        job_minutes,
        shift_minutes,
        measured_arrivals,
        unplaced,
        emergencies,
        on_call_operatives(roster, measured_from, measured_to),
        duties_between(roster, measured_from, measured_to),
        waiting / max(offered, 1),
        met / max(offered, 1),
        time.perf_counter() - started,
        **extra,
    )


LABELS = {
    "travel": "travel-aware (the core's default)",
    "replan": "travel-aware offers + nightly re-plan",
    "first": "first-available, best operative per slot",
    "patch": "first-available, home patch team first",
    "blind": "first-available, least-loaded operative",
}


def main() -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(simulate, list(LABELS)))
        replanned = results[1]
        hindsight = list(pool.map(solve_hindsight, replanned.hindsight))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    travel = results[0]
    print(
        f"demand: {travel.arrivals:,} jobs arriving over the {MEASURED_DAYS} measured days "
        f"(after {WARM_UP_DAYS} days filling the diary), 150 operatives, 25,000 homes"
    )
    print(
        f"{'offers':<42}{'jobs done':>10}{'km/job':>8}{'utilisation':>12}{'wait days':>10}"
        f"{'pref. met':>10}{'no slot':>8}"
    )
    for r in results:
        print(
            f"{LABELS[r.policy]:<42}{r.jobs:>10,}{r.km / r.jobs:>8.2f}"
            f"{r.job_minutes / r.shift_minutes:>12.1%}{r.waiting_days:>10.1f}"
            f"{r.preference_met:>10.1%}{r.unplaced:>8,}   ({r.seconds:.0f}s)"
        )
    s = Settings()
    print(
        f"emergencies (attend within {s.attend_hours:g} h, make safe within "
        f"{s.make_safe_hours:g} h; aims: all made safe, at least 95% attended)"
    )
    print(
        f"{'offers':<42}{'count':>7}{'attended':>10}{'made safe':>10}{'missed':>7}"
        f"{'arrive p50':>11}{'p95':>7}{'on call':>8}{'per night':>10}{'per op.':>8}"
        f"{'moved':>7}"
    )
    for r in results:
        e = r.emergencies
        p50, p95 = e.median_and_p95()
        nights = list(e.per_duty.values())
        print(
            f"{LABELS[r.policy]:<42}{e.count:>7,}{e.attended / e.count:>10.1%}"
            f"{e.made_safe / e.count:>10.1%}{e.missed:>7,}{hours(p50):>11}{hours(p95):>7}"
            f"{e.on_call:>8,}{sum(nights) / max(r.duties, 1):>10.2f}"
            f"{sum(nights) / max(r.on_call_operatives, 1):>8.1f}"
            f"{e.moved:>4,}/{e.moved - e.moved_same_window:<2,}"
        )
    print(
        "(arrive: hours:minutes from report to arrival; on call: call-outs out of hours; "
        "per night: call-outs per on-call duty, mean, busiest "
        f"{max(travel.emergencies.per_duty.values(), default=0)}; per op.: over the month, "
        f"{travel.on_call_operatives} operatives on the rota; moved: booked jobs the rest "
        "after a call-out displaced / of them, not kept in their window)"
    )
    ours = travel.km / travel.jobs
    ours_use = travel.job_minutes / travel.shift_minutes
    for r in results[2:]:
        use = r.job_minutes / r.shift_minutes
        print(
            f"travel-aware vs {LABELS[r.policy]}: {1 - ours / (r.km / r.jobs):.1%} less travel "
            f"per job (aim: at least 25%), utilisation {ours_use - use:+.1%} "
            f"({'equal or better' if ours_use >= use - 0.0005 else 'lower'})"
        )

    _replan_lines(travel, replanned, hindsight)


def _replan_lines(travel: Result, replanned: Result, hindsight) -> None:
    from month_replan import SECONDS, SETTINGS

    finished = sum(h[0] for h in hindsight)
    best = sum(h[1] for h in hindsight)
    jobs = sum(len(p.visits) for p in replanned.hindsight)
    per_job = replanned.km / replanned.jobs
    print(
        f"hindsight (the solver, {SECONDS:.0f}s a day, every job of the day known): "
        f"{best / jobs:.2f} km/job on the re-plan strategy's {len(hindsight)} working days "
        f"({finished / jobs:.2f} km/job as they finished)"
    )
    print(
        f"travel-aware + nightly re-plan vs travel-aware alone: "
        f"{1 - per_job / (travel.km / travel.jobs):.1%} less travel per job (aim: at least 20%), "
        f"utilisation {replanned.job_minutes / replanned.shift_minutes:.1%}"
    )
    print(
        f"travel-aware + nightly re-plan vs hindsight: {finished / best:.2f} times the "
        f"hindsight kilometres (aim: within 1.10)"
    )
    # How firm the line is: a day whose solved plan broke more routes than the finished
    # day counts at its finished kilometres, so a low count here means a weak bound.
    counted = [h for h in hindsight if h[1] < h[0]]
    unbound = sum(h[3] for h in hindsight)
    print(
        f"hindsight: the solver's plan counted on {len(counted)} of {len(hindsight)} days "
        f"(routes past their shift as the days finished {sum(h[4] for h in hindsight)}, in "
        f"the solver's plans {sum(h[5] for h in hindsight)}); the solver's plans counted or "
        f"not: {unbound / jobs:.2f} km/job"
    )
    seconds = replanned.replan_seconds
    saved = replanned.replan_saved
    print(
        f"nightly re-plans: {len(saved)} days ({replanned.replan_repeats} more nights re-planned "
        f"a Monday again), solver {sum(seconds) / len(seconds):.1f}s mean (limit {SECONDS:.0f}s, "
        f"one core); each day's first re-plan saved {sum(saved) / len(saved):.1%} of its booked "
        f"travel on average (its emergencies not yet known)"
    )
    jobs, wall, saving = timed_replan(replanned.largest)
    print(
        f"busiest night re-planned with the production settings (REPLAN_TIME_LIMIT_SECONDS="
        f"{SETTINGS.time_limit_seconds:.0f}, REPLAN_WORKERS={SETTINGS.workers}): {jobs} jobs "
        f"in {wall:.1f}s wall-clock, {saving:.1%} less travel (aim: a 600-job day under 120s)"
    )


if __name__ == "__main__":
    main()
