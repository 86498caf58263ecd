"""Blend the learnt ranker's category probabilities into the rules' ranking of leaves.

The rules score what the words say about each leaf; the ranker says how likely each
category is from the whole message. A leaf's blended score is its rule score plus
``weight`` times its category's probability, and a likely category that no rule word
named is offered through its usual leaf. What the blend may change is bounded here, so
the rule files stay the authority on emergencies and hazards (rules/README.md, "The
learnt ranker"): it never makes a leaf whose own priority is an emergency the choice
unless the rules alone chose an emergency, never replaces the rules' emergency, and
never loses a hazard the rules' choice carried.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .model import Leaf
from .schema import HAZARD_RANK, PRIORITY_RANK

# A category the words never named is offered only when the ranker is this sure of it.
OFFER = 0.12
# A category this likely may be shown among the candidates (never chosen: see OFFER).
LIKELY = 0.02
# A reading the rules scored below this share of their best is too faint for the ranker
# to choose over it: "rain" alone beside "rain is coming from the window".
FAINT = 0.5
# The same for a reading exactly as pressing for the household as the rules' choice: the
# ranker may then choose a fainter one, since the urgency and the hazard cannot change
# ("she cannot use her bath" is the bathroom, not the blocked bath the words hint at).
FAINT_AS_PRESSING = 0.1


def blended(
    ranked: Sequence[tuple[float, Leaf]],
    probabilities: Mapping[str, float],
    weight: float,
    usual: Mapping[str, Leaf],
) -> list[tuple[float, Leaf]]:
    """The rules' ranking re-scored with the ranker, best first, each leaf once.

    When no rule word was found at all the ranking stays empty: only ``guess`` may then
    name a problem, and only when the ranker is sure enough.
    """
    if not ranked:
        return []
    out = [(s + weight * probabilities.get(leaf.category, 0.0), leaf) for s, leaf in ranked]
    named = {leaf.category for _, leaf in ranked}
    for category, p in probabilities.items():
        leaf = usual.get(category)
        if leaf is not None and category not in named and p >= OFFER:
            out.append((weight * p, leaf))
    out.sort(key=lambda pair: (-pair[0], pair[1].order))
    return out


def with_likely(
    ranked: Sequence[tuple[float, Leaf]],
    probabilities: Mapping[str, float],
    weight: float,
    usual: Mapping[str, Leaf],
) -> list[tuple[float, Leaf]]:
    """``ranked`` with every other category the ranker finds at all likely, through its
    usual leaf, for the candidates a person is shown only: "Is it one of these?" may
    offer a category too faint to be chosen (below ``OFFER``) when the words name fewer
    than five, since a wrong offer costs the tenant a glance and changes nothing else."""
    named = {leaf.category for _, leaf in ranked}
    extra = [
        (weight * p, usual[category])
        for category, p in probabilities.items()
        if category not in named and category in usual and p >= LIKELY
    ]
    if not extra:
        return list(ranked)
    return sorted([*ranked, *extra], key=lambda pair: (-pair[0], pair[1].order))


def allowed(
    choice: Leaf,
    rules_choice: Leaf | None,
    pressing: Callable[[Leaf], tuple[str, str]],
) -> bool:
    """Whether the blend may choose ``choice`` where the rules alone chose ``rules_choice``.

    ``pressing`` gives a leaf's priority and hazard for the household, after the
    vulnerability rules, so a raise those rules made (no heating with a baby) is kept.
    """
    priority, hazard = pressing(choice)
    if rules_choice is None:
        return priority != "emergency"
    rules_priority, rules_hazard = pressing(rules_choice)
    if (priority == "emergency") != (rules_priority == "emergency"):
        return False
    # Of several problems the most pressing decides: the blend reorders equals only.
    if PRIORITY_RANK[priority] > PRIORITY_RANK[rules_priority]:
        return False
    return HAZARD_RANK[hazard] <= HAZARD_RANK[rules_hazard]


def plausible(
    leaf: Leaf, rule_scores: Mapping[str, float], best: float, as_pressing: bool = False
) -> bool:
    """Whether the blend may choose ``leaf`` over the rules' best reading.

    A reading the rules scored must reach ``FAINT`` of their best score, or
    ``FAINT_AS_PRESSING`` when it is ``as_pressing`` (the same priority and hazard for the
    household) as the rules' choice: one stray word of a category ("rain") does not outvote
    a problem the words describe. A category the rules never named, offered by the ranker
    through its usual leaf, may be chosen: that is how the words' subject wins over the
    place they name ("wet wall, black behind" is mould, not plaster).
    """
    score = rule_scores.get(leaf.id)
    return score is None or score >= (FAINT_AS_PRESSING if as_pressing else FAINT) * best


def choose(
    ranked: Sequence[tuple[float, Leaf]],
    rules_choice: Leaf | None,
    pressing: Callable[[Leaf], tuple[str, str]],
    rule_scores: Mapping[str, float],
    best: float,
) -> Leaf | None:
    """The first of the blended ``ranked`` readings the blend may choose (``plausible``,
    fainter when as pressing as the rules' choice, and ``allowed``), or the rules' own
    choice when there is none. A reading the rules never scored, offered by the ranker
    through its category's usual leaf, must be exactly as pressing as the rules' choice:
    a guess at the category must not make the job more urgent ("the windows are always
    wet" is condensation, not the windows' usual cracked glass)."""
    rules_pressing = pressing(rules_choice) if rules_choice is not None else None

    def may_choose(leaf: Leaf) -> bool:
        if leaf.id not in rule_scores and rules_pressing not in (None, pressing(leaf)):
            return False  # offered by the ranker alone: it may change the category only
        if not plausible(leaf, rule_scores, best) and not (
            plausible(leaf, rule_scores, best, as_pressing=True)
            and pressing(leaf) == rules_pressing
        ):
            return False
        return allowed(leaf, rules_choice, pressing)

    return next((leaf for _, leaf in ranked if may_choose(leaf)), rules_choice)


# Fewer known words and word pairs than this say too little for a guess: "ok thx" is
# not the electrics.
GUESS_WORDS = 4


def guess(
    probabilities: Mapping[str, float],
    ranked: Sequence[tuple[float, Leaf]],
    usual: Mapping[str, Leaf],
    at_least: float,
    words: int,
    ruled_out: Callable[[Leaf], bool],
) -> Leaf | None:
    """For words no rule could read, a leaf of the category the ranker is at least
    ``at_least`` sure of ("her bedroom was too cold in the winter" is the heating): the
    rules' best faint reading of that category, else its usual leaf. None, and the text
    stays unread, when it has fewer than ``GUESS_WORDS`` words and word pairs the ranker
    knows, or when the words rule the leaf out (an ``exclude``: "the car alarm" is no
    smoke alarm). A guess is never an emergency leaf, and it carries no confidence, so
    the channel still asks.
    """
    if at_least <= 0 or not probabilities or words < GUESS_WORDS:
        return None
    category, probability = max(probabilities.items(), key=lambda kv: kv[1])
    if category == "other" or probability < at_least:
        return None
    faint = [leaf for _, leaf in ranked if leaf.category == category]
    for leaf in [*faint, usual.get(category)]:
        if leaf is not None and _offerable(leaf) and not ruled_out(leaf):
            return leaf
    return None


def _offerable(leaf: Leaf) -> bool:
    return leaf.priority != "emergency" and "needs_check" not in leaf.tags
