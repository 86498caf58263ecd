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
        # term -> (check, pattern, slot); slot -1 marks an ``unless`` word
        self.postings: dict[int, list[tuple[int, int, int]]] = {}
        for c, check in enumerate(checks):
            for p, pattern in enumerate(check.patterns):
                for s, slot in enumerate(pattern.slots):
                    for tid in slot:
                        self.postings.setdefault(tid, []).append((c, p, s))
                for tid in pattern.unless:
                    self.postings.setdefault(tid, []).append((c, p, -1))
                for tid in pattern.unless_anywhere:
                    self.postings.setdefault(tid, []).append((c, p, -2))

    def detect(
        self, found: Mapping[int, list[int]], tokens: Sequence[str] = ()
    ) -> list[EmergencyCheck]:
        """The checks the text sets off, in the order the rule file lists them.

        ``tokens`` (the text's words, as ``found`` was made from them) say where its
        sentences end; without them the text is read as one sentence.
        """
        seen: dict[tuple[int, int], dict[int, list[int]]] = {}
        for tid, positions in found.items():
            for c, p, s in self.postings.get(tid, ()):
                seen.setdefault((c, p), {}).setdefault(s, []).extend(positions)
        ends = [i for i, token in enumerate(tokens) if token == BOUNDARY]
        fired: set[int] = set()
        for (c, p), slots in seen.items():
            if c not in fired and _fires(self.checks[c].patterns[p], slots, ends):
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
