"""The rule set: classify a description, or build the outcome of a chosen leaf."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from .blend import blended, choose, guess, with_likely
from .clocks import awaab_clocks, priority_due
from .decide import (
    confidence_of,
    described,
    job_of,
    matching_check,
    said_yes,
    subject_of,
    uncertain,
    vulnerabilities_of,
)
from .emergency import EmergencyDetector
from .matcher import LeafScorer
from .model import EmergencyCheck, Leaf, TriageOutcome
from .outcome import leaf_outcome, other_outcome, priority_for
from .ranker import Ranker
from .safety_net import SafetyNet
from .schema import HAZARD_RANK, PRIORITY_RANK
from .text import clean
from .vulnerability import apply_rules

MIN_SCORE = 0.45  # below this a match is noise: a stray word, not a description
CLOSE = 0.8  # candidates within this share of the best are still in the running
EMERGENCY_CONFIDENCE = 0.9
NEEDS_CHECK = "needs_check"


class RuleSet:
    """A loaded, checked rule set. Build one with ``load_ruleset``."""

    def __init__(
        self,
        version,
        settings,
        catalogue,
        index,
        checks,
        rules,
        cues,
        safety_net: SafetyNet | None = None,
        ranker: Ranker | None = None,
    ) -> None:
        self.version: str = version
        self.settings = settings
        self.checks: tuple[EmergencyCheck, ...] = checks
        self.vulnerability_rules = rules
        self._catalogue = catalogue
        self._index = index
        self._leaf_list: list[Leaf] = catalogue.leaves
        self._leaves = {leaf.id: leaf for leaf in catalogue.leaves}
        self._needs_check = {
            i for i, leaf in enumerate(catalogue.leaves) if NEEDS_CHECK in leaf.tags
        }
        self._scorer = LeafScorer(catalogue.terms, catalogue.location_terms, index.lengths)
        self._terms = {
            leaf.id: t for leaf, t in zip(catalogue.leaves, catalogue.terms, strict=True)
        }
        self._detector = EmergencyDetector(checks)
        self._cues = cues
        self.safety_net = safety_net or SafetyNet()
        self._use_ranker(ranker)

    def _use_ranker(self, ranker: Ranker | None) -> None:
        self.ranker = ranker if ranker is not None and self.settings.ranker_weight > 0 else None
        # A leaf the rule files tag ``general`` is its category's usual leaf, whatever the
        # ranker's file learnt from the data.
        usual = {**ranker.usual_leaf, **self._catalogue.general} if ranker else {}
        self._usual = {category: self._leaves[leaf_id] for category, leaf_id in usual.items()}

    def with_ranker(self, ranker: Ranker | None, weight: float | None = None) -> RuleSet:
        """A copy of this rule set with another ranker (or none), for training and its
        cross-validation; the rules themselves are shared, not copied."""
        clone = copy.copy(self)
        if weight is not None:
            clone.settings = replace(self.settings, ranker_weight=weight)
        clone._use_ranker(ranker)
        return clone

    # The guided journey: Where, then What, then Which.
    def leaf(self, problem_id: str) -> Leaf:
        return self._leaves[problem_id]

    @property
    def vocabulary(self) -> list[str]:
        """The words fuzzy correction may turn a misspelling into."""
        return list(self._index.normaliser.vocabulary)

    def emergency_likelihood(self, text: str) -> float:
        """How like an emergency's the learnt emergency model finds ``text`` (0 without a
        ranker); the engine only asks or queues on it, never raises (``_reviewed``)."""
        if self.ranker is None:
            return 0.0
        return self.ranker.emergency_likelihood(self._index.normaliser.tokens(text))

    @property
    def general_leaves(self) -> dict[str, str]:
        """Each category's general job, where the rule files tag one ``general``."""
        return dict(self._catalogue.general)

    @property
    def leaves(self) -> tuple[Leaf, ...]:
        return tuple(self._leaf_list)

    def locations(self) -> list[tuple[str, str]]:
        return [(loc.id, loc.label) for loc in self._catalogue.locations]

    def problems_at(self, location_id: str) -> list[dict]:
        """The What/Which tree of one location, in the rule files' order."""
        location = next(x for x in self._catalogue.locations if x.id == location_id)
        groups = self._catalogue.groups
        return [
            {
                "id": g,
                "label": groups[g].label,
                "question": groups[g].question,
                "leaves": [{"id": i, "label": self._leaves[i].label} for i in groups[g].leaves],
            }
            for g in location.groups
        ]

    def outcome_for_leaf(
        self, problem_id: str, vulnerabilities: Iterable[str] = ()
    ) -> TriageOutcome:
        leaf = self._leaves[problem_id]
        vulns = vulnerabilities_of(vulnerabilities)
        return self._outcome(leaf, 1.0, (), [(1.0, leaf)], [], vulns, unsure=False)

    def due_times(
        self, outcome: TriageOutcome, reported_at: datetime, investigated_at: datetime | None = None
    ) -> dict[str, datetime]:
        """The attend-by time and every Awaab's Law clock, from the time of the report."""
        due = {"attend_by": priority_due(outcome.priority, reported_at, self.settings)}
        due.update(awaab_clocks(outcome.hazard, reported_at, investigated_at, self.settings))
        return due

    def classify(
        self,
        text: str,
        vulnerabilities: Iterable[str] = (),
        answers: Mapping[str, str] | None = None,
    ) -> TriageOutcome:
        """Triage a description in the tenant's own words; never raises on bad text."""
        text = text if isinstance(text, str) else ""
        answers = answers or {}
        cleaned = clean(text)
        tokens = self._index.normaliser.tokens_of_clean(cleaned)
        found, covered = self._index.find(tokens)
        vulns = vulnerabilities_of(vulnerabilities) | self._cues.find(cleaned, found)
        scores = self._scorer.score(self._index.negated(found, tokens), covered)
        fired = self._detector.detect(found, tokens)
        if answers:
            fired += [c for c in self.checks if said_yes(answers.get(c.id)) and c not in fired]
        ranked = self._rank(scores, answers, {c.leaf for c in fired})
        # Uncertainty is judged on the text's own ranking, before a chosen leaf replaces it.
        words, text_ranked = len(cleaned.split()), ranked
        chosen = self._leaves.get(answers.get("leaf", ""))
        if chosen is not None:
            ranked = [(1.0, chosen)]
        top = self._most_pressing(ranked, vulns) if ranked and ranked[0][0] >= MIN_SCORE else None
        # Confidence stays the rules' own: how plainly the words name the problem.
        confidence = 1.0 if chosen else confidence_of(ranked)
        probabilities: dict[str, float] = {}
        shares = None  # the ranker's reading of the words, made once when first needed
        if (
            self.ranker is not None
            and top is not None
            and chosen is None
            and not _narrowed(answers)
        ):
            # The learnt ranker reorders the readings the rules made; the rules keep the
            # last word on emergencies and hazards (blend.py). A text the rules could not
            # read stays unread, with its faint readings as they scored.
            rule_scores = {leaf.id: s for s, leaf in ranked}
            best = ranked[0][0]
            shares = self.ranker.shares(tokens)
            probabilities = self.ranker.probabilities_of(shares)
            ranked = blended(
                ranked,
                probabilities,
                self.settings.ranker_weight,
                self._usual,
            )
            top = self._blended_top(ranked, top, vulns, rule_scores, best)
        if fired:
            check = matching_check(fired, top, self._leaves, probabilities)
            leaf = self._emergency_leaf(check, top, probabilities, found)
            if not said_yes(answers.get(check.id)):
                # The tenant said this danger is happening: its own job, whatever the words.
                leaf = subject_of(check, leaf, ranked, probabilities, self._excluded(found))
            confidence = max(confidence, EMERGENCY_CONFIDENCE)
            unsure = uncertain(words, text_ranked, confidence, self.settings)
            shown = self._shown(ranked, probabilities)
            return self._outcome(leaf, confidence, (), shown, fired, vulns, unsure)
        # Not an emergency by the checks: the learnt emergency model may still find the
        # words like an emergency's, and then the channel asks, or a person reads them
        # (it never raises one).
        likely = 0.0
        settings = self.settings
        if self.ranker is not None and (
            settings.uncertain_emergency_likely > 0 or settings.review_emergency_likely > 0
        ):
            if shares is None:
                shares = self.ranker.shares(tokens)
            likely = self.ranker.emergency_of(shares)
        guessed = None
        if top is None and self.ranker is not None and chosen is None and not _narrowed(answers):
            shares = shares if shares is not None else self.ranker.shares(tokens)
            probabilities = self.ranker.probabilities_of(shares)
            top = guessed = guess(
                probabilities,
                ranked,
                self._usual,
                self.settings.ranker_guess,
                len(shares),
                self._excluded(found),
            )
        if top is None:
            unsure = uncertain(words, text_ranked, 0.0, self.settings, likely)
            outcome = self._other(self._shown(ranked, probabilities), vulns, unsure)
            return self._reviewed(
                self.safety_net.apply(outcome, found, cleaned, answers, tokens), likely
            )
        if guessed is not None:
            # The ranker's guess at words no rule read: its own problem's questions.
            confidence, asks = 0.0, self._questions([(1.0, guessed)], answers)
        elif confidence >= self.settings.confident:
            asks = ()
        else:
            asks = self._questions(ranked, answers)
        unsure = uncertain(words, text_ranked, confidence, self.settings, likely)
        # Not an emergency by the checks: the safety net takes a second look
        # (safety_net.py, rules/README.md "The safety net").
        shown = self._shown(ranked, probabilities)
        outcome = self._outcome(top, confidence, asks, shown, [], vulns, unsure)
        return self._reviewed(
            self.safety_net.apply(outcome, found, cleaned, answers, tokens), likely
        )

    def _reviewed(self, outcome: TriageOutcome, likely: float) -> TriageOutcome:
        """Marked for a person to read when the learnt emergency model finds the words at
        least ``review_emergency_likely`` like an emergency's and nobody else will look
        again: not an emergency, and not uncertain (where the channel asks outright)."""
        wanted = self.settings.review_emergency_likely
        if 0 < wanted <= likely and outcome.priority != "emergency" and not outcome.uncertain:
            return replace(outcome, review=True)
        return outcome

    def _blended_top(
        self, ranked, rules_top: Leaf | None, vulns: frozenset[str], rule_scores, best: float
    ) -> Leaf | None:
        """The best reading once the ranker has reordered them (``blend.choose``)."""
        if not ranked or ranked[0][0] < MIN_SCORE:
            return rules_top

        def pressing(leaf: Leaf) -> tuple[str, str]:
            return apply_rules(
                self.vulnerability_rules, leaf, leaf.category, leaf.priority, leaf.hazard, vulns
            )[:2]

        return choose(ranked, rules_top, pressing, rule_scores, best)

    def _rank(self, scores: dict[int, float], answers: Mapping[str, str], checked: set[str]):
        # A leaf tagged needs_check is an emergency that only its check may declare: its
        # check knows the words that make it a smaller problem ("no water pressure").
        leaves, needs_check = self._leaf_list, self._needs_check
        # Best score first, then the rule files' order: sorted as plain tuples.
        keyed = [
            (-s, leaves[i].order, i)
            for i, s in scores.items()
            if i not in needs_check or leaves[i].id in checked
        ]
        keyed.sort()
        ranked = [(-minus, leaves[i]) for minus, _, i in keyed]
        for key, attr in (("location", "location"), ("problem", "group")):
            wanted = answers.get(key)
            if wanted:
                narrowed = [(s, leaf) for s, leaf in ranked if getattr(leaf, attr) == wanted]
                ranked = narrowed or ranked
        return ranked

    def _most_pressing(self, ranked, vulns: frozenset[str]) -> Leaf:
        """The most pressing of the problems the text fully describes.

        Tenants often list several problems; the one that decides the priority is the
        worst, not the one they wrote most about.
        """
        best, best_key = ranked[0][1], None
        for s, leaf in described(ranked):
            priority, hazard, _ = apply_rules(
                self.vulnerability_rules, leaf, leaf.category, leaf.priority, leaf.hazard, vulns
            )
            key = (PRIORITY_RANK[priority], HAZARD_RANK[hazard], -s)
            if best_key is None or key < best_key:
                best, best_key = leaf, key
        return best

    def _emergency_leaf(
        self, check: EmergencyCheck, top: Leaf | None, probabilities: Mapping[str, float], found
    ) -> Leaf:
        """The check's own leaf, unless the text named a more exact emergency of its kind."""
        leaf = self._leaves[check.leaf]
        if check.also:
            others = [self._leaves[i] for i in check.also]
            leaf = job_of(leaf, others, top, probabilities, self._excluded(found))
        if (
            top is not None
            and top.category == leaf.category
            and PRIORITY_RANK[top.priority] <= PRIORITY_RANK[leaf.priority]
        ):
            return top
        return leaf

    def _excluded(self, found) -> Callable[[Leaf], bool]:
        """Whether the text names one of a leaf's ``exclude`` words."""
        return lambda leaf: bool(self._terms[leaf.id].exclude.intersection(found))

    def _questions(self, ranked, answers: Mapping[str, str]) -> list[tuple[str, str]]:
        best = ranked[0][0]
        close = [leaf for s, leaf in ranked if s >= best * CLOSE][:6]
        asks: list[tuple[str, str]] = []
        checks = [
            c
            for c in self.checks
            if c.ask_for & {leaf.category for leaf in close} and c.id not in answers
        ]
        asks += [(c.id, c.question) for c in checks]
        if len({leaf.location for leaf in close}) > 1 and "location" not in answers:
            asks.append(("location", self.settings.location_question))
        groups = list(dict.fromkeys(leaf.group for leaf in close))
        if len(groups) > 1 and "problem" not in answers:
            asks.append(("problem", self.settings.problem_question))
        else:
            group = self._catalogue.groups[groups[0]]
            asks.append(("leaf", group.question))
        asks += [(f"{close[0].id}:{i}", q) for i, q in enumerate(close[0].questions)]
        return asks

    def _priority_for(self, vulns: frozenset[str]):
        return priority_for(self.vulnerability_rules, vulns)

    def _shown(self, ranked, probabilities: Mapping[str, float]):
        """The readings the candidates are drawn from (blend.with_likely)."""
        if not probabilities:
            return ranked
        return with_likely(ranked, probabilities, self.settings.ranker_weight, self._usual)

    def _other(self, ranked, vulns: frozenset[str], unsure: bool) -> TriageOutcome:
        return other_outcome(self.settings, self.version, ranked, self._priority_for(vulns), unsure)

    def _outcome(
        self,
        leaf: Leaf,
        confidence: float,
        asks,
        ranked,
        fired: list[EmergencyCheck],
        vulns: frozenset[str],
        unsure: bool,
    ) -> TriageOutcome:
        return leaf_outcome(
            leaf,
            confidence,
            asks,
            ranked,
            [(c.reason, self._leaves[c.leaf]) for c in fired],
            self.vulnerability_rules,
            vulns,
            self.settings,
            self.version,
            unsure,
        )


def _narrowed(answers: Mapping[str, str]) -> bool:
    """Whether the tenant already said where or what: then the rules' ranking stands."""
    return bool(answers.get("location") or answers.get("problem"))
