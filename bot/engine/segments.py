"""How many SMS segments a text costs, and cutting one down to a budget.

A text that uses only the GSM 03.38 alphabet travels as 7-bit characters: 160 in a single
message, 153 a segment once it is split (the rest of each segment carries the header that
joins them). The extension characters (``^{}\\[~]|€`` and form feed) take two places and
are never split across segments. One character outside that alphabet (a Polish ``ł``, a
curly quote, an emoji) sends the whole text as UCS-2: 70 in one message, 67 a segment,
counted in UTF-16 units, with a surrogate pair never split.
"""

from __future__ import annotations

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")

# Every reply the bot sends fits in this many segments (issue 10: three).
MAX_SEGMENTS = 3
ELLIPSIS = "..."


def is_gsm(text: str) -> bool:
    return all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text)


def _units(text: str) -> list[int]:
    """The size of each character in its encoding's units (septets or UTF-16 units)."""
    if is_gsm(text):
        return [2 if ch in GSM_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def segments(text: str) -> int:
    """How many SMS segments ``text`` is sent as (an empty text still costs one)."""
    units = _units(text)
    single, part = (160, 153) if is_gsm(text) else (70, 67)
    if sum(units) <= single:
        return 1
    count, used = 1, 0
    for size in units:
        # A character that does not fit whole starts the next segment.
        if used + size > part:
            count, used = count + 1, 0
        used += size
    return count


def fits(text: str, limit: int = MAX_SEGMENTS) -> bool:
    return segments(text) <= limit


def fit(text: str, limit: int = MAX_SEGMENTS) -> str:
    """``text`` as it is when it fits; otherwise cut at a word and ended with "...".

    The last guard before anything is sent: the replies are written to fit, so this
    only bites on a value far longer than any real one.
    """
    if fits(text, limit):
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that still fits with the ellipsis
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + ELLIPSIS, limit):
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    space = cut.rfind(" ")
    if space > low * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-\n") + ELLIPSIS
