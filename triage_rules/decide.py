"""Small decisions of the rule set: how sure it is, which emergency check leads, which
problems the text describes in full, and whether a channel should trust the text.

Kept apart from ``engine`` so the rule set's flow reads in one place and these rules of
thumb can be tested and tuned on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from .model import EmergencyCheck, Leaf, Settings
from .schema import VULNERABILITIES

FULL_SCORE = 1.9  # a thing and its symptom, side by side
COMPLETE = 1.7  # a thing with its symptom, or a telling phrase: a problem in full
SHARE = 0.6  # ...and not far behind the best match
LOOK = 8  # how far down the ranking a problem in full is looked for


def described(ranked: Sequence[tuple[float, Leaf]]) -> list[tuple[float, Leaf]]:
    """The leaves the text describes in full and not far behind the best match."""
    if not ranked:
        return []
    floor = max(COMPLETE, ranked[0][0] * SHARE)
    out = []
    for score, leaf in ranked[:LOOK]:
        if score < floor:
            break
        out.append((score, leaf))
    return out


def problems_named(ranked: Sequence[tuple[float, Leaf]]) -> int:
    """How many problems the text describes in full: the categories of ``described``."""
    return len({leaf.category for _, leaf in described(ranked)})


def uncertain(
    words: int,
    ranked: Sequence[tuple[float, Leaf]],
    confidence: float,
    settings: Settings,
    emergency_likelihood: float = 0.0,
) -> bool:
    """Whether a channel should ask the emergency questions rather than trust the text.

    Long messages, messages naming several problems, readings the engine is not sure of,
    and words the learnt emergency model finds like an emergency's where the rules found
    none, are where the words most often hide or blur a hazard (rules/README.md,
    "Candidates and uncertain outcomes"). ``ranked`` is the text's own ranking;
    the engine passes ``emergency_likelihood`` 0 when its checks found an emergency.
    """
    likely = settings.uncertain_emergency_likely
    return (
        words > settings.uncertain_long_words
        or confidence < settings.uncertain_low_confidence
        or problems_named(ranked) >= settings.uncertain_several_problems
        or (0 < likely <= emergency_likelihood)
    )


def confidence_of(ranked) -> float:
    if not ranked:
        return 0.0
    best = ranked[0][0]
    runner = next((s for s, leaf in ranked[1:] if leaf.category != ranked[0][1].category), 0.0)
    strength = min(1.0, best / FULL_SCORE)
    margin = (best - runner) / best if best > 0 else 0.0
    return strength * (0.4 + 0.6 * margin)


def matching_check(
    fired: list[EmergencyCheck],
    top: Leaf | None,
    leaves: Mapping[str, Leaf],
    probabilities: Mapping[str, float] | None = None,
) -> EmergencyCheck:
    """The fired check of the problem the text is mostly about, else the first.

    Sparks and black smoke from a socket set off the carbon-monoxide signs too; the
    socket the tenant wrote about says which trade goes. When the checks that fired are
    of several categories and the learnt ranker read the words, the category it finds
    likeliest decides among them (every one of them is an emergency, so only the job
    and its trade can change: "live, wet electrics hanging from the ceiling" is the
    electrics).
    """
    categories = {leaves[c.leaf].category for c in fired}
    if probabilities and len(categories) > 1:
        return max(
            fired,
            key=lambda c: (
                probabilities.get(leaves[c.leaf].category, 0.0),
                top is not None and leaves[c.leaf].category == top.category,
            ),
        )
    if top is not None:
        for check in fired:
            if leaves[check.leaf].category == top.category:
                return check
    return fired[0]


def job_of(
    own: Leaf,
    others: list[Leaf],
    top: Leaf | None,
    probabilities: Mapping[str, float] | None = None,
    ruled_out: Callable[[Leaf], bool] = lambda leaf: False,
) -> Leaf:
    """Which category's job an emergency check sends, when it may be another's too.

    Water pouring in is a flood wherever it comes from, but the roofer goes when it is
    the rain: the option whose category the learnt ranker finds likelier, else the one
    of the rules' reading, else the check's own leaf. (Choosing only the ranker's
    likeliest category of all lost three development rows under cross-validation and
    won none.) An option whose ``exclude`` words the text names is not sent: a garden
    wall leaning is no roof's. Every option is an emergency, so only the job and its
    trade can change.
    """
    options = [own, *(leaf for leaf in others if not ruled_out(leaf))]
    if probabilities:
        return max(
            options,
            key=lambda leaf: (
                probabilities.get(leaf.category, 0.0),
                top is not None and leaf.category == top.category,
                leaf is own,
            ),
        )
    if top is not None:
        return next((leaf for leaf in options if leaf.category == top.category), own)
    return own


# How sure the learnt ranker must be of the words' subject to send its job to a danger
# of any subject. Chosen by the grouped cross-validation (0.4 to 0.6 gained alike).
SUBJECT = 0.5


def subject_of(
    check: EmergencyCheck,
    leaf: Leaf,
    ranked: Sequence[tuple[float, Leaf]],
    probabilities: Mapping[str, float],
    ruled_out: Callable[[Leaf], bool],
) -> Leaf:
    """The job for a check's danger: ``leaf``, or the words' own subject.

    A check marked ``any_subject`` names a danger that any problem can make (water
    pouring in, a ceiling coming down, bare wires). When the learnt ranker is at least
    ``SUBJECT`` sure the words are about another category ("the lift was out for a week
    and people were collapsing on the stairs"), the best reading of that category in the
    ranking is the job instead; the check still raises it to an emergency and its reason
    is recorded, so only the category, the job and its trade change. Never a reading
    only another check may declare, nor one the words rule out.
    """
    if not check.any_subject or not probabilities:
        return leaf
    category, p = max(probabilities.items(), key=lambda kv: kv[1])
    if p < SUBJECT or category in (leaf.category, "other"):
        return leaf
    return next(
        (
            other
            for _, other in ranked
            if other.category == category
            and "needs_check" not in other.tags
            and not ruled_out(other)
        ),
        leaf,
    )


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
