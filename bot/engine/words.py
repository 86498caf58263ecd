"""What a short text message means: a keyword, a number, YES or NO, or free words.

Tenants type on phones, in English or Polish, in any case, with and without Polish
letters, and with typos. A message is a keyword only when the whole of it is one (after
dropping "please" and "thanks"), so "stop" is STOP but "the stopcock is leaking" is a
description. Typos are forgiven by edit distance (rapidfuzz's optimal string alignment,
so a swapped pair of letters is one slip): none for words of three letters or fewer,
one from four letters, two from eight. A word the triage rules know ("water", "stairs")
is never read as a keyword it only resembles ("later", "status"), and STOP and START,
which change whether we may text someone at all, must be typed exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from repairs.references import normalise_reference

# Keyword -> what tenants type for it, as normalised (lower case, no Polish marks).
_ENGLISH: dict[str, tuple[str, ...]] = {
    "stop": ("stop", "stopall", "unsubscribe", "end", "quit"),
    "start": ("start", "unstop"),
    "help": ("help", "info", "menu"),
    "agent": ("agent", "person", "human", "call me", "call back", "call me back", "callback"),
    "status": ("status", "progress", "update", "my repairs"),
    "change": ("change", "c", "move", "rebook", "reschedule", "book"),
    "cancel": ("cancel",),
    "more": ("more", "more dates", "other dates", "later dates"),
    "yes": ("yes", "y", "yeah", "yep", "yea", "ok", "okay", "sure"),
    "no": ("no", "n", "nope", "nah"),
    "new": ("new", "report", "new repair"),
    "thanks": ("thanks", "thank you", "thx", "ta", "cheers"),
    "english": ("english",),
    "polish": ("polish",),
}
_POLISH: dict[str, tuple[str, ...]] = {
    "stop": ("wypisz", "rezygnuje"),
    "start": ("wznow",),
    "help": ("pomoc", "pomocy"),
    "agent": ("konsultant", "zadzwon", "oddzwon", "czlowiek"),
    "status": ("stan", "postep", "moje naprawy"),
    "change": ("zmien", "zmiana", "przeloz"),
    "cancel": ("anuluj", "odwolaj"),
    "more": ("wiecej", "inne daty", "pozniej"),
    "yes": ("tak", "t", "jasne"),
    "no": ("nie",),
    "new": ("nowa", "nowe", "zglos", "nowa naprawa"),
    "thanks": ("dzieki", "dziekuje"),
    "english": ("angielski",),
    "polish": ("polski", "po polsku"),
}
KEYWORDS = {key: _ENGLISH[key] + _POLISH.get(key, ()) for key in _ENGLISH}
# Words that wrap a keyword without changing it ("stop please", "yes thanks").
FILLERS = frozenset({"please", "pls", "plz", "thanks", "thank", "you", "prosze", "dzieki"})
# A tenant nobody knows yet who writes one of these is answered in Polish.
POLISH = frozenset(alias for aliases in _POLISH.values() for alias in aliases) - {"t"}
POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")

_NUMBER = re.compile(r"^(?:#|no\.?|nr\.?|number|numer|option|opcja)?\s*(\d{1,2})\s*[.)!]?$")
_SCORE = re.compile(
    r"^([1-5])(?!\d)\s*(?:/\s*5|out of 5|stars?|z 5|gwiazdk\w*)?\s*[.!,:-]?\s*(.*)$"
)


@dataclass(frozen=True)
class Reading:
    """What a message says: ``keyword`` (see KEYWORDS), ``number``, or neither."""

    text: str
    plain: str
    keyword: str | None = None
    number: int | None = None
    # A repair reference after a keyword: "CHANGE ABC-DEFG".
    reference: str | None = None


def plain(text: str) -> str:
    """Lower case, Polish letters without their marks, words and digits only."""
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9#/.!) -]", " ", bare).split())


# Keywords whose short forms must be exact.
STRICT = frozenset({"stop", "start"})


def _allowed(length: int, key: str = "") -> int:
    if key in STRICT and length <= 5:
        return 0
    return 0 if length <= 3 else 1 if length <= 7 else 2


def keyword_of(words: str, known: frozenset[str] = frozenset()) -> str | None:
    """The keyword ``words`` (already plain) stand for, forgiving typos, or None.

    ``known`` are real words of another meaning: they must match a keyword exactly.
    """
    words = words.strip(" .!")
    if not words or len(words) > 24:
        return None
    exact = words in known
    best: tuple[int, str] | None = None
    for key, aliases in KEYWORDS.items():
        for alias in aliases:
            limit = 0 if exact else min(_allowed(len(alias), key), _allowed(len(words)))
            distance = OSA.distance(words, alias, score_cutoff=limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, key)
    return best[1] if best else None


def read(text: str, known: frozenset[str] = frozenset()) -> Reading:
    """Read one message; ``known`` are the words the triage rules know (see keyword_of)."""
    raw = (text or "").strip()
    flat = plain(raw)
    kept = " ".join(w for w in flat.split() if w not in FILLERS) or flat
    number = _NUMBER.match(kept)
    if number:
        return Reading(raw, flat, number=int(number.group(1)))
    keyword = keyword_of(kept, known)
    if keyword:
        return Reading(raw, flat, keyword=keyword)
    first, _, rest = kept.partition(" ")
    reference = normalise_reference(rest) if rest and " " not in rest.strip() else ""
    if reference and keyword_of(first, known) in {"status", "change", "cancel"}:
        return Reading(raw, flat, keyword=keyword_of(first, known), reference=reference)
    return Reading(raw, flat)


def score_of(text: str) -> tuple[int, str] | None:
    """A satisfaction score from 1 to 5 and any words after it ("4 - quick and tidy")."""
    match = _SCORE.match((text or "").strip())
    if match is None:
        return None
    return int(match.group(1)), match.group(2).strip()


def looks_polish(text: str) -> bool:
    """Polish letters, or a Polish keyword: for a number we do not know yet."""
    if any(ch in POLISH_LETTERS for ch in text or ""):
        return True
    flat = plain(text or "")
    return flat in POLISH or flat.split(" ")[0] in POLISH
