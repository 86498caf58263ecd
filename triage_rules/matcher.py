"""Find rule terms in a tenant's words and score every leaf that they touch.

A leaf is described the way tenants describe a repair: the thing (``objects``: sink,
boiler), what is wrong with it (``symptoms``: blocked, leaking) and, where one phrase
says it all, ``phrases`` (rats, no hot water). A thing and its symptom close together
score highest; a symptom alone only suggests. Everything is inverted at load time so
classifying a text touches only the leaves whose words it uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .text import Normaliser

OBJECT, WEAK_OBJECT, SYMPTOM, PHRASE, EXCLUDE = range(5)
# Where a hit of each counted role is kept in a leaf's entry (objects, weak, symptoms).
_SLOT = {OBJECT: 0, WEAK_OBJECT: 1, SYMPTOM: 2}
NEAR = 6  # words between a thing and its symptom that still read as one statement
NEGATORS = frozenset({"no", "not"})  # every negation reads as one of these (vocabulary)
# A telling phrase ("mice") says the whole problem: one word of it scores 1.7, the same as
# decide.COMPLETE, so the most pressing of several problems can be a pest or a phrase.
PHRASE_BASE = 1.55


class TermError(ValueError):
    """A term that cannot be used; the loader adds the file and line."""


class TermIndex:
    """Every distinct rule term, as stemmed word tuples, with a number each."""

    def __init__(self, normaliser: Normaliser, concepts: Mapping[str, list[str]]) -> None:
        self.normaliser = normaliser
        self.concepts = concepts
        self.ids: dict[tuple[str, ...], int] = {}
        self.lengths: list[int] = []
        self.max_n = 1
        # Each surface word of the rules with how many terms use it (fuzzy correction's
        # tie-break: of two rule words as near, the one the rules use more).
        self.surface: Counter[str] = Counter()
        # Multi-word names of things ("door entry", "gas fire"): inside one of these a
        # single word does not count on its own.
        self.things: set[int] = set()
        # Symptoms a tenant often rules out ("not leaking", "no smell"); see negated().
        self.negatable: frozenset[int] = frozenset()
        self.starts: dict[str, int] = {}  # made by freeze()

    def compile(self, terms: Iterable[str], _seen: frozenset[str] = frozenset()) -> set[int]:
        out: set[int] = set()
        for term in terms:
            if not isinstance(term, str):
                raise TermError(f"terms must be text, not {term!r}")
            if term.startswith("@"):
                name = term[1:]
                if name not in self.concepts:
                    raise TermError(f"unknown concept '{term}'")
                if name in _seen:
                    raise TermError(f"concept '{term}' refers to itself")
                out |= self.compile(self.concepts[name], _seen | {name})
                continue
            words = self.normaliser.phrase(term)
            if not words:
                raise TermError(f"term '{term}' has only stop words")
            self.surface.update(w for w in term.lower().split() if w.isalpha())
            if words not in self.ids:
                self.ids[words] = len(self.lengths)
                self.lengths.append(len(words))
                self.max_n = max(self.max_n, len(words))
            out.add(self.ids[words])
        return out

    def find(self, tokens: list[str]) -> tuple[dict[int, list[int]], dict[int, int]]:
        """Term number -> positions where it starts, and the positions inside things.

        A term inside a longer name of a thing is not counted on its own by the leaf
        scorer: "door" in "door entry", "fire" in "gas fire" or "front door" in "path to
        the front door" would otherwise vote for the wrong leaves. ``covered`` maps a
        position to the length of the longest thing over it. The emergency check still
        sees every word.
        """
        found: dict[int, list[int]] = {}
        covered: dict[int, int] = {}
        ids, count, starts = self.ids, len(tokens), self.starts
        # Only a word that begins some longer term is read further; the hits are then
        # taken longest first and left to right, the order the terms are numbered in.
        longer: list[tuple[int, int, int]] = []
        for i, token in enumerate(tokens):
            longest = starts.get(token)
            if longest:
                for n in range(min(longest, count - i), 1, -1):
                    tid = ids.get(tuple(tokens[i : i + n]))
                    if tid is not None:
                        longer.append((-n, i, tid))
        longer.sort()
        for minus_n, i, tid in longer:
            found.setdefault(tid, []).append(i)
            if tid in self.things:
                for p in range(i, i - minus_n):
                    covered.setdefault(p, -minus_n)  # longest first, so it is kept
        for i, token in enumerate(tokens):
            tid = ids.get(token)
            if tid is not None:
                found.setdefault(tid, []).append(i)
        return found, covered

    def negated(self, found: dict[int, list[int]], tokens: list[str]) -> dict[int, list[int]]:
        """The found terms without a negatable symptom straight after "no" or "not".

        "Pan cracked at the base, not leaking" is a cracked pan, not a leak. Only the leaf
        scorer uses this: the emergency check keeps every word and its own ``unless``.
        """
        if not self.negatable or ("not" not in tokens and "no" not in tokens):
            return found
        out = dict(found)
        for tid in self.negatable.intersection(found):
            kept = [p for p in found[tid] if p == 0 or tokens[p - 1] not in NEGATORS]
            if kept:
                out[tid] = kept
            else:
                del out[tid]
        return out

    def freeze(self) -> None:
        # Single words are looked up as plain strings, the common case, to skip tuples.
        self.ids.update({k[0]: v for k, v in list(self.ids.items()) if len(k) == 1})
        # The first word of each longer term, with the longest term it begins.
        self.starts: dict[str, int] = {}
        for key in self.ids:
            if isinstance(key, tuple) and len(key) > 1:
                self.starts[key[0]] = max(self.starts.get(key[0], 0), len(key))


@dataclass(frozen=True)
class LeafTerms:
    objects: frozenset[int]
    weak_objects: frozenset[int]
    symptoms: frozenset[int]
    phrases: frozenset[int]
    exclude: frozenset[int]
    location: str


def _gap(a: list[int], b: list[int]) -> int:
    return min(abs(x - y) for x in a for y in b)


class LeafScorer:
    def __init__(
        self, leaves: list[LeafTerms], location_terms: Mapping[str, set[int]], lengths: list[int]
    ) -> None:
        self.leaves = leaves
        self.lengths = lengths
        self.postings: dict[int, list[tuple[int, int]]] = {}
        for index, leaf in enumerate(leaves):
            for role, terms in (
                (OBJECT, leaf.objects),
                (WEAK_OBJECT, leaf.weak_objects),
                (SYMPTOM, leaf.symptoms),
                (PHRASE, leaf.phrases),
                (EXCLUDE, leaf.exclude),
            ):
                for tid in terms:
                    self.postings.setdefault(tid, []).append((index, role))
        self.location_of_term: dict[int, set[str]] = {}
        for location, terms in location_terms.items():
            for tid in terms:
                self.location_of_term.setdefault(tid, set()).add(location)

    def score(self, found: Mapping[int, list[int]], covered: Mapping[int, int]) -> dict[int, float]:
        hits: dict[int, list] = {}
        places: set[str] = set()
        lengths = self.lengths
        for tid, positions in found.items():
            n = lengths[tid]
            postings = self.postings.get(tid, ())
            if covered:
                # A position no longer thing starts over is kept without reading the rest.
                positions = [
                    p
                    for p in positions
                    if covered.get(p, 0) <= n
                    or not all(covered.get(q, 0) > n for q in range(p + 1, p + n))
                ]
                if not positions:
                    # An exclude word counts wherever it stands, even inside a longer
                    # name ("leaking" in "leaking from").
                    for index, role in postings:
                        if role == EXCLUDE:
                            hits.setdefault(index, [[], [], [], 0.0, 0])[4] = 1
                    continue
            where = self.location_of_term.get(tid)
            if where:
                places |= where
            hit = (positions, n)
            for index, role in postings:
                entry = hits.get(index)
                if entry is None:
                    entry = hits[index] = [[], [], [], 0.0, 0]
                if role == EXCLUDE:
                    entry[4] = 1
                elif role == PHRASE:
                    entry[3] = max(entry[3], PHRASE_BASE + 0.15 * n)
                else:
                    entry[_SLOT[role]].append(hit)
        return {index: self._leaf_score(index, entry, places) for index, entry in hits.items()}

    def _leaf_score(self, index: int, entry: list, places: set[str]) -> float:
        objects, weak, symptoms, phrase, excluded = entry
        things = objects or weak
        score = phrase
        if things and symptoms:
            # One word cannot be both the thing and what is wrong with it ("overflow" the
            # pipe and "overflowing"): it would score a whole problem on its own.
            # A longer symptom that only starts on the thing ("flush broken") still
            # names what is wrong, so only a symptom wholly inside the thing is dropped.
            used = {p for positions, n in things for x in positions for p in range(x, x + n)}
            symptoms = [
                s for s in symptoms if not {p for x in s[0] for p in range(x, x + s[1])} <= used
            ]
        if things:
            score += 1.0 if objects else 0.6
            longest = things[0][1] if len(things) == 1 else max(n for _, n in things)
            score += 0.1 * (longest - 1)
        if symptoms:
            best = symptoms[0][1] if len(symptoms) == 1 else max(n for _, n in symptoms)
            if things:
                where = [p for positions, _ in things for p in positions]
                near = any(_gap(where, pos) <= NEAR for pos, _ in symptoms)
                base = 1.0 if near else 0.6
            else:
                base = 0.5
            score += 0.9 * base + 0.1 * (best - 1) + 0.05 * (len(symptoms) - 1)
        if not things and not phrase:
            score *= 0.6
        if places and self.leaves[index].location in places:
            score += 0.3
        if excluded:
            score *= 0.4
        return score
