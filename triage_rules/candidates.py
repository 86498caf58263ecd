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
    """Five of ``ranked``, always with ``chosen``, best first.

    ``ranked`` is best first and names each leaf once. The chosen leaf is kept with its
    own score; then the best leaf of each other category, so five near-identical
    readings of one problem do not crowd out the other problems the words may mean;
    the places left go to the next best. A chosen leaf the matcher did not score at all
    takes the last place with 0, so the scores still fall from first to last.
    ``priority_of`` gives a leaf's priority for the household.
    """
    top = _varied(ranked, chosen)
    if chosen is not None and all(leaf.id != chosen.id for _, leaf in top):
        top = top[: LIMIT - 1] + [(0.0, chosen)]
    return tuple(
        Candidate(leaf.id, leaf.category, priority_of(leaf), round(score, 3)) for score, leaf in top
    )


def _varied(ranked: Sequence[tuple[float, Leaf]], chosen: Leaf | None) -> list[tuple[float, Leaf]]:
    """Five in ranked order: the chosen leaf when ranked, then the best of each other
    category before a second of any."""
    picked: list[int] = []
    categories: set[str] = set()
    if chosen is not None:
        for i, (_, leaf) in enumerate(ranked):
            if leaf.id == chosen.id:
                picked.append(i)
                categories.add(leaf.category)
                break
    for i, (_, leaf) in enumerate(ranked):
        if len(picked) == LIMIT:
            break
        if leaf.category not in categories and i not in picked:
            categories.add(leaf.category)
            picked.append(i)
    if len(picked) < LIMIT:
        rest = [i for i in range(len(ranked)) if i not in picked]
        picked += rest[: LIMIT - len(picked)]
    return [ranked[i] for i in sorted(picked)]
