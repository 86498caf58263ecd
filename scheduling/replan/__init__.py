"""Re-planning a booked day: the whole day's jobs re-assigned and re-ordered at once.

Offers place one job at a time, so each day's routes are the sum of many small greedy
choices. Overnight, with the whole day known, a vehicle-routing solver (PyVRP) moves jobs
between operatives of the same trade and re-orders each route, keeping every tenant's
promised window, every shift, and every job that may not move. Pure: the embedded core
(``scheduling.embedded.replan``) and the month benchmark feed it a Roster's day.
"""

from scheduling.replan.evaluate import Evaluation, covers, evaluate, worth_applying
from scheduling.replan.problem import DayProblem, Plan, Shift, Visit, day_problem, shift_of
from scheduling.replan.solver import Solved, solve

__all__ = [
    "DayProblem",
    "Evaluation",
    "Plan",
    "Shift",
    "Solved",
    "Visit",
    "covers",
    "day_problem",
    "evaluate",
    "shift_of",
    "solve",
    "worth_applying",
]
