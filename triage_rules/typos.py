"""Which rule word a misspelling meant, when fuzzy correction finds several as near.

A phone's user leaves letters out ("windw") and hits the key beside the one meant
("warer"); either slip explains a misspelling better than an edit no hand would make.
Of several equally likely words, the one the rules use most is the likelier meant.
"""

from __future__ import annotations

from collections.abc import Mapping


def _keys_near() -> dict[str, str]:
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    near: dict[str, str] = {}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            near[key] = "".join(
                rows[rr][j]
                for rr in (r - 1, r, r + 1)
                if 0 <= rr < len(rows)
                for j in (i - 1, i, i + 1)
                if 0 <= j < len(rows[rr]) and rows[rr][j] != key
            )
    return near


# The keys around each key of a UK keyboard: a slip onto one of them is a likely typo.
KEYS_NEAR = _keys_near()


def likeliest(raw: str, found: list[tuple[str, float, int]], uses: Mapping[str, int]) -> str:
    """Of the nearest rule words, one the misspelling is a likely typo of: letters left
    out ("windw", the window and not the wind) or a neighbouring key hit ("warer", the
    water and not the warmer). Of those (or of all, when none is), the one the rules use
    most, then the first in vocabulary order."""
    best = min(distance for _, distance, _ in found)
    nearest = [word for _, word in sorted((i, w) for w, d, i in found if d == best)]
    likely = [word for word in nearest if _typed_for(raw, word)]
    return max(likely or nearest, key=lambda word: uses.get(word, 0))


def _typed_for(raw: str, word: str) -> bool:
    if len(word) > len(raw):
        return _dropped_from(raw, word)
    if len(word) != len(raw):
        return False
    slips = [(typed, meant) for typed, meant in zip(raw, word, strict=True) if typed != meant]
    return len(slips) == 1 and slips[0][0] in KEYS_NEAR.get(slips[0][1], "")


def _dropped_from(raw: str, word: str) -> bool:
    letters = iter(word)
    return all(letter in letters for letter in raw)
