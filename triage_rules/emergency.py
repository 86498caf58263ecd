"""The emergency check, run over every text before anything else is decided.

It errs towards safety: a hazard named anywhere in a message raises the outcome to an
emergency, however routine the rest sounds. Only the loss-of-supply checks (no power,
no water) carry ``unless`` words, because "no power to one socket" is not a power cut;
a hazard pattern is never cancelled by other words.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Mapping, Sequence

from .model import EmergencyCheck, Pattern
from .text import BOUNDARY

# A window this small reads words as one phrase: they must stand in one sentence ("cold
# water next to the fridge. We stopped reporting it" is not the water stopping). A wider
# window may reach across, since one problem is often told in two sentences.
SENTENCE_WINDOW = 4


class EmergencyDetector:
    def __init__(self, checks: tuple[EmergencyCheck, ...]) -> None:
        self.checks = checks
        # term -> ((check, pattern), slot); slot -1 marks an ``unless`` word, -2 an
        # ``unless_anywhere`` word
        self.postings: dict[int, list[tuple[tuple[int, int], int]]] = {}
        self.sizes: dict[tuple[int, int], int] = {}
        for c, check in enumerate(checks):
            for p, pattern in enumerate(check.patterns):
                key = (c, p)
                self.sizes[key] = len(pattern.slots)
                for s, slot in enumerate(pattern.slots):
                    for tid in slot:
                        self.postings.setdefault(tid, []).append((key, s))
                for tid in pattern.unless:
                    self.postings.setdefault(tid, []).append((key, -1))
                for tid in pattern.unless_anywhere:
                    self.postings.setdefault(tid, []).append((key, -2))

    def detect(
        self, found: Mapping[int, list[int]], tokens: Sequence[str] = ()
    ) -> list[EmergencyCheck]:
        """The checks the text sets off, in the order the rule file lists them.

        ``tokens`` (the text's words, as ``found`` was made from them) say where its
        sentences end; without them the text is read as one sentence.
        """
        seen: dict[tuple[int, int], dict[int, list[int]]] = {}
        postings = self.postings
        for tid, positions in found.items():
            for key, s in postings.get(tid, ()):
                slots = seen.get(key)
                if slots is None:
                    seen[key] = {s: list(positions)}
                elif s in slots:
                    slots[s].extend(positions)
                else:
                    slots[s] = list(positions)
        ends: list[int] | None = None
        fired: set[int] = set()
        sizes = self.sizes
        for key, slots in seen.items():
            c = key[0]
            # Most patterns touched miss a slot: count before reading positions.
            if c in fired or -2 in slots or len(slots) - (-1 in slots) != sizes[key]:
                continue
            if ends is None:
                ends = [i for i, token in enumerate(tokens) if token == BOUNDARY]
            if _fires(self.checks[c].patterns[key[1]], slots, ends):
                fired.add(c)
        return [self.checks[c] for c in sorted(fired)]


def _fires(pattern: Pattern, slots: dict[int, list[int]], ends: Sequence[int] = ()) -> bool:
    count = len(pattern.slots)
    if any(s not in slots for s in range(count)) or -2 in slots:
        return False
    unless = slots.get(-1, [])
    window, near = pattern.window, pattern.unless_window
    phrase = window is not None and window <= SENTENCE_WINDOW and bool(ends)
    for start in slots[0]:
        sentence = bisect(ends, start) if phrase else 0
        if window is not None and not all(
            any(
                abs(q - start) <= window and (not phrase or bisect(ends, q) == sentence)
                for q in slots[s]
            )
            for s in range(1, count)
        ):
            continue
        if unless and (near is None or any(abs(u - start) <= near for u in unless)):
            continue
        return True
    return False
