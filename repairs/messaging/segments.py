"""SMS length: GSM-7 where the text allows it, UCS-2 where it does not, and three segments
at most.

A GSM-7 message holds 160 characters (153 a part once split); one character outside the
GSM-7 alphabet turns the whole message into UCS-2, which holds 70 (67 a part). Polish
text with its diacritics is UCS-2, so a Polish message that would need more than three
UCS-2 parts is sent without diacritics, as Polish senders commonly do; nothing else is
changed behind the writer's back.
"""

from __future__ import annotations

from dataclasses import dataclass

# The GSM 03.38 basic alphabet (one septet each) and its extension table (two septets:
# the escape and the character).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
GSM7 = GSM7_BASIC | GSM7_EXTENSION
MAX_SEGMENTS = 3

# Typography that would otherwise turn a message into UCS-2 for nothing (what Twilio's
# "smart encoding" also does), applied to every SMS.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
    }
)
# Letters with diacritics that GSM-7 lacks, as readers of those languages write them
# without: Polish in full, and the accents of names common in our tenants' languages.
_UNACCENTED = str.maketrans(
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻáâãçêëíîïôõúûýÿÁÂÃÊËÍÎÏÔÕÚÛÝčďěňřšťůžČĎĚŇŘŠŤŮŽ",
    "acelnoszzACELNOSZZaaaceeiiioouuyyAAAEEIIIOOUUYcdenrstuzCDENRSTUZ",
)


@dataclass(frozen=True)
class Encoded:
    text: str
    encoding: str  # "GSM-7" or "UCS-2"
    segments: int


def plain_typography(text: str) -> str:
    return text.translate(_PLAIN)


def is_gsm7(text: str) -> bool:
    return set(text) <= GSM7


def _gsm7_segments(text: str) -> int:
    escaped = sum(text.count(ch) for ch in GSM7_EXTENSION.intersection(text))
    septets = len(text) + escaped
    if septets <= 160:
        return 1
    if not escaped:
        return -(-septets // 153)
    # Split into 153-septet parts; an escaped character is never split across two.
    parts, used = 1, 0
    for ch in text:
        cost = 2 if ch in GSM7_EXTENSION else 1
        if used + cost > 153:
            parts, used = parts + 1, 0
        used += cost
    return parts


def _ucs2_segments(text: str) -> int:
    if not text or max(text) <= "\uffff":
        return 1 if len(text) <= 70 else -(-len(text) // 67)
    units = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    if sum(units) <= 70:
        return 1
    # 67 UTF-16 units a part; a surrogate pair is never split.
    parts, used = 1, 0
    for cost in units:
        if used + cost > 67:
            parts, used = parts + 1, 0
        used += cost
    return parts


def measure(text: str) -> Encoded:
    """How ``text`` would travel as an SMS: its encoding and how many parts it takes."""
    if is_gsm7(text):
        return Encoded(text, "GSM-7", _gsm7_segments(text))
    return Encoded(text, "UCS-2", _ucs2_segments(text))


def fit_sms(text: str, max_segments: int = MAX_SEGMENTS) -> Encoded:
    """``text`` as it should be sent by SMS: plain typography, and without diacritics only
    when keeping them would take more than ``max_segments`` parts.

    The result may still be too long (the caller's words were); ``segments`` says so.
    """
    text = plain_typography(text)
    encoded = measure(text)
    if encoded.segments <= max_segments or encoded.encoding == "GSM-7":
        return encoded
    unaccented = text.translate(_UNACCENTED)
    fallback = measure(unaccented)
    return fallback if fallback.segments < encoded.segments else encoded
