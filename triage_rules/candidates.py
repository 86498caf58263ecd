"""The ranked alternatives a person is shown as "Is it one of these?".

Up to five leaves the words point to, best score first, each problem once, and always
the problem the outcome chose: an emergency check or a vulnerability rule can choose a
leaf that scored lower than the first five, or that no word of the text named at all
(rules/README.md, "Candidates and uncertain outcomes").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .model import Candidate, Leaf

LIMIT = 5


def candidates_of(
    ranked: Sequence[tuple[float, Leaf]],
    chosen: Leaf | None,
    priority_of: Callable[[Leaf], str],
) -> tuple[Candidate, ...]:
    """The first five of ``ranked``, with ``chosen`` taking the last place when missing.

    ``ranked`` is best first and names each leaf once. The chosen leaf keeps its own
    score, or 0 when the matcher did not score it, so the scores still fall from first
    to last. ``priority_of`` gives a leaf's priority for the household.
    """
    top = list(ranked[:LIMIT])
    if chosen is not None and all(leaf.id != chosen.id for _, leaf in top):
        score = next((s for s, leaf in ranked[LIMIT:] if leaf.id == chosen.id), 0.0)
        top = top[: LIMIT - 1] + [(score, chosen)]
    return tuple(
        Candidate(leaf.id, leaf.category, priority_of(leaf), round(score, 3)) for score, leaf in top
    )
