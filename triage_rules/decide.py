"""Small decisions of the rule set: how sure it is, which emergency check leads.

Kept apart from ``engine`` so the rule set's flow reads in one place and these rules of
thumb can be tested and tuned on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import EmergencyCheck, Leaf
from .schema import VULNERABILITIES

FULL_SCORE = 1.9  # a thing and its symptom, side by side


def confidence_of(ranked) -> float:
    if not ranked:
        return 0.0
    best = ranked[0][0]
    runner = next((s for s, leaf in ranked[1:] if leaf.category != ranked[0][1].category), 0.0)
    strength = min(1.0, best / FULL_SCORE)
    margin = (best - runner) / best if best > 0 else 0.0
    return strength * (0.4 + 0.6 * margin)


def matching_check(
    fired: list[EmergencyCheck], top: Leaf | None, leaves: Mapping[str, Leaf]
) -> EmergencyCheck:
    """The fired check of the problem the text is mostly about, else the first.

    Sparks and black smoke from a socket set off the carbon-monoxide signs too; the
    socket the tenant wrote about says which trade goes.
    """
    if top is not None:
        for check in fired:
            if leaves[check.leaf].category == top.category:
                return check
    return fired[0]


def said_yes(answer: str | None) -> bool:
    return isinstance(answer, str) and answer.strip().lower() in ("yes", "y", "true", "1")


def vulnerabilities_of(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        values = (values,)
    try:
        return frozenset(v for v in values if v in VULNERABILITIES)
    except TypeError:
        return frozenset()


def said_no(answer: str | None) -> bool:
    return isinstance(answer, str) and answer.strip().lower() in ("no", "n", "false", "0")
