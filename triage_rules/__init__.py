"""Repair triage: a pure rules engine over rule files that housing staff can review.

No web framework and no database: text and answers in, a ``TriageOutcome`` out.
"""

from .clocks import awaab_clocks, priority_due
from .engine import RuleSet
from .loader import default_ruleset, load_ruleset
from .model import Candidate, Leaf, TriageOutcome
from .yamlsrc import RuleFileError

__all__ = [
    "Candidate",
    "Leaf",
    "RuleFileError",
    "RuleSet",
    "TriageOutcome",
    "awaab_clocks",
    "default_ruleset",
    "load_ruleset",
    "priority_due",
]
