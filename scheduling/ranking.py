"""What a place in someone's day costs, in kilometres: the weights behind every offer.

Pure. The roster asks two questions of this module: which operative should take a window
on a day (``operative_cost``), and how a day-and-window stands against the others
(``slot_score``). Added travel is the core of both; the other terms are weights tuned on
the month benchmark (``bench/bench_scheduling_month.py``), each kept because it cut the
kilometres driven per job there without lowering utilisation.
"""

from __future__ import annotations

from datetime import date

from scheduling.port import Job
from scheduling.windows import Settings


def operative_cost(
    settings: Settings, added_km: float, home_km: float, opens_day: bool, other_trades: int
) -> float:
    """The cost of giving the job to one operative on one day, for the added travel.

    - Joining a day that already has work: each kilometre from the operative's home counts
      ``km_per_home_km`` more. A colleague who lives nearby serves the street for less over
      the weeks, and each operative's work stays around home, where the nearest-operative
      dispatch then finds someone close with room for an emergency.
    - Opening an empty day: its added travel is already the round trip from home, so home
      distance counts less (``new_day_km_per_home_km``), less a credit
      (``new_day_credit_km``): the day's later jobs share those first and last legs, which
      the greedy added travel charges entirely to the first job.
    - Each trade the operative holds beyond this job's costs ``km_per_other_trade``, so a
      scarce second skill (a glazier who is also a carpenter) stays free for the work only
      they can do instead of being filled with work anyone in the commoner trade can do.
    """
    if opens_day:
        pull = home_km * settings.new_day_km_per_home_km - settings.new_day_credit_km
    else:
        pull = home_km * settings.km_per_home_km
    return added_km + pull + other_trades * settings.km_per_other_trade


def preference_misses(job: Job, day: date, window: str) -> int:
    """How many of the tenant's stated wishes (days, windows) the slot fails: 0, 1 or 2."""
    misses = bool(job.preferred_days) and day.weekday() not in job.preferred_days
    return misses + (bool(job.preferred_windows) and window not in job.preferred_windows)


def slot_score(settings: Settings, job: Job, cost: float, day: date, window: str, today: date):
    """A slot's standing among the travel-ranked offers: lower is offered first.

    Preferences outweigh any travel; each day later costs a little so free time soon is not
    wasted; between trips of about the same length, the wider window leaves more room.
    """
    span = settings.window(window)
    later = (day - today).days * settings.km_per_day_later
    shape = (span.end - span.start) / 60 * settings.km_per_window_hour
    misses = preference_misses(job, day, window)
    return cost + misses * settings.preference_penalty_km + later - shape
