"""One repair's plausible timeline, applied up to "now".

Delays are drawn so that most work meets its target and some does not: emergencies are
nearly always attended inside 24 hours, urgent and routine work mostly inside their
working-day targets, with no-access visits, rebooking and cancellations along the way.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from common.calendar import LONDON, add_working_days, end_of_working_day

SYSTEM = ("system", None, "triage rules")
SCHEDULER = ("scheduler", None, "scheduling core")
WINDOWS = (
    ("morning", "08:00", "12:00"),
    ("afternoon", "12:00", "16:00"),
    ("all_day", "08:00", "16:00"),
    ("school_run", "09:30", "14:30"),
)
WINDOW_WEIGHTS = (40, 35, 15, 10)


def _clock(day, clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


def _reporter(b, repair) -> tuple[str, int | None, str]:
    if repair["raised_by_id"]:
        return ("staff", repair["raised_by_id"], "contact centre")
    return ("tenant", repair["reported_by_id"], "tenant")


def walk(b, repair: dict, patch: str, minutes: int) -> None:
    rng, reported = b.rng, repair["reported_at"]
    reporter, channel = _reporter(b, repair), repair["channel"]
    b.event(repair, reported, "reported", reporter, channel, None, "reported")
    triaged = reported + timedelta(minutes=rng.randint(1, 8))
    b.event(repair, triaged, "status_changed", SYSTEM, "system", "reported", "triaged")
    operative = b.operative(repair["trade"], patch)
    if repair["category"] == "damp_mould":
        _awaab_hazard(repair)
    if rng.random() < 0.04:
        cancelled = triaged + timedelta(hours=rng.uniform(1, 72))
        if cancelled <= b.now:
            b.event(repair, cancelled, "status_changed", reporter, channel, "triaged", "cancelled")
            repair["cancelled_at"] = cancelled
        return
    if repair["priority"] == "emergency":
        _emergency(b, repair, triaged, operative, minutes)
    else:
        _planned(b, repair, triaged, operative, minutes, reporter, channel)


def _emergency(b, repair, triaged, operative, minutes) -> None:
    rng = b.rng
    dispatched = triaged + timedelta(minutes=rng.randint(3, 25))
    b.event(repair, dispatched, "status_changed", SCHEDULER, "system", "triaged", "dispatched")
    if dispatched > b.now:
        return  # not sent yet: no appointment exists until the dispatch does
    # Mostly within hours; about 4% slip past the 24-hour make-safe target.
    arrive = dispatched + timedelta(hours=min(rng.lognormvariate(1.2, 0.8), 40))
    _attend(
        b,
        repair,
        operative,
        "emergency",
        arrive,
        arrive + timedelta(hours=4),
        arrive,
        minutes,
        "dispatched",
    )


def _planned(b, repair, triaged, operative, minutes, reporter, channel) -> None:
    rng = b.rng
    reach = (1, 6) if repair["priority"] == "urgent" else (3, 26)
    day = add_working_days(triaged.astimezone(LONDON).date(), rng.randint(*reach))
    booked_at = triaged + timedelta(minutes=rng.randint(2, 90))
    b.event(
        repair, booked_at, "status_changed", reporter, channel, "triaged", "awaiting_appointment"
    )
    b.event(
        repair,
        booked_at + timedelta(seconds=30),
        "status_changed",
        reporter,
        channel,
        "awaiting_appointment",
        "booked",
    )
    if booked_at + timedelta(seconds=30) > b.now:
        return  # the tenant has not chosen a time yet: no appointment exists
    for attempt in range(2):
        window, start, end = b.rng.choices(WINDOWS, WINDOW_WEIGHTS)[0]
        starts, ends = _clock(day, start), _clock(day, end)
        arrive = starts + (ends - starts) * rng.random() * 0.8
        if attempt == 0 and rng.random() < 0.06 and arrive <= b.now:
            _appointment(b, repair, operative, window, starts, ends, arrive, "no_access")
            b.event(
                repair,
                arrive,
                "status_changed",
                ("operative", operative, "operative"),
                "api",
                "booked",
                "no_access",
            )
            rebooked = arrive + timedelta(hours=rng.uniform(2, 30))
            b.event(repair, rebooked, "status_changed", reporter, channel, "no_access", "booked")
            day = add_working_days(day, rng.randint(2, 8))
            continue
        _attend(b, repair, operative, window, starts, ends, arrive, minutes, "booked")
        return


def _appointment(b, repair, operative, window, starts, ends, arrive, status) -> None:
    happened = arrive <= b.now
    b.history.appointments.append(
        {
            "repair_id": repair["id"],
            "operative_id": operative,
            "window": window,
            "starts_at": starts,
            "ends_at": ends,
            "status": status if happened else "booked",
            "idempotency_key": None,
            "channel": repair["channel"],
            "booked_at": repair["reported_at"],
            "cancelled_at": None,
            "arrived_at": arrive if happened else None,
            "finished_at": None,
        }
    )


def _attend(b, repair, operative, window, starts, ends, arrive, minutes, before) -> None:
    rng, actor = b.rng, ("operative", operative, "operative")
    _appointment(b, repair, operative, window, starts, ends, arrive, "attended")
    b.event(repair, arrive, "status_changed", actor, "api", before, "in_progress")
    done = arrive + timedelta(minutes=minutes * rng.uniform(0.6, 1.8))
    if arrive <= b.now:
        b.history.appointments[-1]["finished_at"] = done if done <= b.now else None
    if repair["hazard"] == "awaab_significant" and arrive <= b.now:
        _awaab_investigated(repair, arrive)
    b.event(repair, done, "status_changed", actor, "api", "in_progress", "completed")
    if done <= b.now:
        repair["completed_at"] = done
        repair["updated_at"] = done


def _awaab_hazard(repair) -> None:
    """Damp and mould: urgent reports are significant hazards, emergencies emergency ones."""
    reported = repair["reported_at"]
    if repair["priority"] == "emergency":
        repair["hazard"] = "awaab_emergency"
        repair["awaab_investigate_by"] = reported + timedelta(hours=24)
    elif repair["priority"] == "urgent":
        repair["hazard"] = "awaab_significant"
        repair["awaab_investigate_by"] = end_of_working_day(reported, 10)


def _awaab_investigated(repair, investigated) -> None:
    repair["investigated_at"] = investigated
    repair["awaab_summary_by"] = end_of_working_day(investigated, 3)
    repair["awaab_safety_work_by"] = end_of_working_day(investigated, 5)
    repair["awaab_preventative_by"] = investigated + timedelta(weeks=12)
