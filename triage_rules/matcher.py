"""Find rule terms in a tenant's words and score every leaf that they touch.

A leaf is described the way tenants describe a repair: the thing (``objects``: sink,
boiler), what is wrong with it (``symptoms``: blocked, leaking) and, where one phrase
says it all, ``phrases`` (rats, no hot water). A thing and its symptom close together
score highest; a symptom alone only suggests. Everything is inverted at load time so
classifying a text touches only the leaves whose words it uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .text import Normaliser

OBJECT, WEAK_OBJECT, SYMPTOM, PHRASE, EXCLUDE = range(5)
NEAR = 6  # words between a thing and its symptom that still read as one statement


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
        self.surface: set[str] = set()
        # Multi-word names of things ("door entry", "gas fire"): inside one of these a
        # single word does not count on its own.
        self.things: set[int] = set()

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

    def find(self, tokens: list[str]) -> tuple[dict[int, list[int]], set[int]]:
        """Term number -> positions where it starts, and the positions inside things.

        A single word inside a longer name of a thing is not counted on its own by the
        leaf scorer: "door" in "door entry" or "fire" in "gas fire" would otherwise vote
        for the wrong leaves. The emergency check still sees every word.
        """
        found: dict[int, list[int]] = {}
        covered: set[int] = set()
        ids, count = self.ids, len(tokens)
        for n in range(self.max_n, 1, -1):
            for i in range(count - n + 1):
                tid = ids.get(tuple(tokens[i:i + n]))
                if tid is not None:
                    found.setdefault(tid, []).append(i)
                    if tid in self.things:
                        covered.update(range(i, i + n))
        for i, token in enumerate(tokens):
            tid = ids.get(token)
            if tid is not None:
                found.setdefault(tid, []).append(i)
        return found, covered

    def freeze(self) -> None:
        # Single words are looked up as plain strings, the common case, to skip tuples.
        self.ids.update({k[0]: v for k, v in list(self.ids.items()) if len(k) == 1})


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
    def __init__(self, leaves: list[LeafTerms], location_terms: Mapping[str, set[int]],
                 lengths: list[int]) -> None:
        self.leaves = leaves
        self.lengths = lengths
        self.postings: dict[int, list[tuple[int, int]]] = {}
        for index, leaf in enumerate(leaves):
            for role, terms in ((OBJECT, leaf.objects), (WEAK_OBJECT, leaf.weak_objects),
                                (SYMPTOM, leaf.symptoms), (PHRASE, leaf.phrases),
                                (EXCLUDE, leaf.exclude)):
                for tid in terms:
                    self.postings.setdefault(tid, []).append((index, role))
        self.location_of_term: dict[int, set[str]] = {}
        for location, terms in location_terms.items():
            for tid in terms:
                self.location_of_term.setdefault(tid, set()).add(location)

    def score(self, found: Mapping[int, list[int]], covered: set[int]) -> dict[int, float]:
        hits: dict[int, list] = {}
        places: set[str] = set()
        lengths = self.lengths
        for tid, positions in found.items():
            if covered and lengths[tid] == 1:
                positions = [p for p in positions if p not in covered]
                if not positions:
                    continue
            places |= self.location_of_term.get(tid, set())
            for index, role in self.postings.get(tid, ()):
                entry = hits.get(index)
                if entry is None:
                    entry = hits[index] = [[], [], [], 0.0, 0]
                if role == EXCLUDE:
                    entry[4] = 1
                elif role == PHRASE:
                    entry[3] = max(entry[3], 1.5 + 0.15 * self.lengths[tid])
                else:
                    slot = entry[0] if role == OBJECT else entry[1] if role == WEAK_OBJECT \
                        else entry[2]
                    slot.append((positions, self.lengths[tid]))
        return {index: self._leaf_score(index, entry, places) for index, entry in hits.items()}

    def _leaf_score(self, index: int, entry: list, places: set[str]) -> float:
        objects, weak, symptoms, phrase, excluded = entry
        things = objects or weak
        score = phrase
        if things and symptoms:
            # One word cannot be both the thing and what is wrong with it ("overflow" the
            # pipe and "overflowing"): it would score a whole problem on its own.
            used = {p for positions, _ in things for p in positions}
            symptoms = [s for s in symptoms if not set(s[0]) <= used]
        if things:
            score += 1.0 if objects else 0.6
            score += 0.1 * (max(n for _, n in things) - 1)
        if symptoms:
            best = max(n for _, n in symptoms)
            if things:
                where = [p for positions, _ in things for p in positions]
                near = any(_gap(where, pos) <= NEAR for pos, _ in symptoms)
                base = 1.0 if near else 0.6
            else:
                base = 0.5
            score += 0.9 * base + 0.1 * (best - 1) + 0.05 * (len(symptoms) - 1)
        if not things and not phrase:
            score *= 0.6
        if self.leaves[index].location in places:
            score += 0.3
        if excluded:
            score *= 0.4
        return score
