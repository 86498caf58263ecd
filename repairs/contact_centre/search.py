"""One search box over names, addresses, postcodes, phone numbers, tenancy references
and repair references, forgiving of typing and spelling slips.

A repair or tenancy reference and a phone number are recognised by their shape and
looked up exactly (a repair reference in the database, always fresh). Anything else is
split into words; each word matches the indexed words it is close to (rapidfuzz), and a
household must match every word. Households that match only some words come after.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from repairs.contact_centre.search_index import Entry, SearchIndex, national, postcode_key, words
from repairs.models import Repair, Tenancy
from repairs.references import normalise_reference

MAX_QUERY = 100
LIMIT = 25
# A full postcode typed with or without its space, so it stays one word.
POSTCODE = re.compile(r"\b([a-z]{1,2}[0-9][a-z0-9]?)\s*([0-9][a-z]{2})\b", re.I)
PHONE = re.compile(r"^[+0-9 ()-]{6,}$")
CLOSE = 78  # how alike (0-100) a misspelt word must be to a word we hold


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    score: float
    matched: str  # name, address, postcode, phone, tenancy, repair
    repair_reference: str | None = None
    complete: bool = True  # matched every word asked for


@dataclass(frozen=True, slots=True)
class Found:
    hits: list[Hit]
    total: int
    query: str


def search(session: Session, index: SearchIndex, query: str, limit: int = LIMIT) -> Found:
    query = " ".join((query or "").split())[:MAX_QUERY]
    if not query:
        return Found([], 0, query)
    hits: list[Hit] = []
    repair_hit = _by_repair_reference(session, index, query)
    if repair_hit is not None:
        hits.append(repair_hit)
    tenancy = index.by_reference.get("".join(ch for ch in query.upper() if ch.isalnum()))
    if tenancy is not None:
        hits.append(Hit(index.entries[tenancy], 100.0, "tenancy"))
    if hits:
        # A reference names one household: nothing else is worth showing beside it.
        return Found(hits[:1], 1, query)
    if PHONE.match(query) and sum(ch.isdigit() for ch in query) >= 6:
        more = _by_phone(index, query)
        total = len(more)
    else:
        more, total = _by_words(index, query, limit)
    seen, unique = set(), []
    for hit in [*hits, *more]:
        if hit.entry.tenancy_reference not in seen:
            seen.add(hit.entry.tenancy_reference)
            unique.append(hit)
    return Found(unique[:limit], max(total, len(unique)), query)


def _by_repair_reference(session: Session, index: SearchIndex, query: str) -> Hit | None:
    reference = normalise_reference(query)
    if not reference:
        return None
    row = session.execute(
        select(Repair.reference, Tenancy.reference)
        .join(Tenancy, Tenancy.property_id == Repair.property_id)
        .where(Repair.reference == reference)
        .order_by(Tenancy.start_date.desc())
    ).first()
    if row is None or (n := index.by_reference.get(_key(row[1]))) is None:
        return None
    return Hit(index.entries[n], 100.0, "repair", repair_reference=row[0])


def _key(reference: str) -> str:
    return "".join(ch for ch in reference.upper() if ch.isalnum())


def _by_phone(index: SearchIndex, query: str) -> list[Hit]:
    digits = "".join(ch for ch in query if ch.isdigit())
    if query.strip().startswith("+"):
        digits = national("+" + digits)
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    found = [n for number, n in index.mobiles if digits in number]
    return [Hit(index.entries[n], 100.0, "phone") for n in dict.fromkeys(found)]


def _by_words(index: SearchIndex, query: str, limit: int) -> tuple[list[Hit], int]:
    text = POSTCODE.sub(lambda m: m.group(1) + m.group(2), query.lower())
    asked = list(dict.fromkeys(words(text)))[:8]
    if not asked:
        return [], 0
    close = [_close_words(index, word) for word in asked]
    found = [frozenset().union(*(index.postings[w] for w, _ in c)) for c in close]
    # Households matching every word; only when there are none, those matching some.
    candidates = frozenset.intersection(*found)
    complete = bool(candidates)
    if not complete:
        candidates = frozenset().union(*found)
    best: list[dict[int, float]] = []
    kinds: dict[int, str] = {}
    for word_close in close:
        got: dict[int, float] = {}
        for word, similarity in sorted(word_close, key=lambda c: -c[1]):
            for n in candidates & index.postings[word]:
                if n not in got:
                    got[n] = similarity
                    kinds.setdefault(n, word)
        best.append(got)
    ranked = []
    for n in candidates:
        scores = [got.get(n, 0.0) for got in best]
        ranked.append((-sum(1 for s in scores if s), -sum(scores) / len(asked), n))
    # Only the best few are shown: no need to sort every household in a common street.
    top = heapq.nsmallest(limit, ranked, key=lambda r: (r[0], r[1], r[2]))
    hits = [
        Hit(
            index.entries[n], round(-score, 1), _kind(index.entries[n], kinds[n]), complete=complete
        )
        for _, score, n in top
    ]
    return hits, len(candidates)


def _close_words(index: SearchIndex, word: str) -> list[tuple[str, float]]:
    """Indexed words like ``word``: itself; for longer words, those a slip or two away
    and those it begins (a name half typed)."""
    exact = [(word, 100.0)] if word in index.postings else []
    if len(word) < 3 or word.isdigit():
        return exact
    close = process.extract(
        word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=CLOSE, limit=None
    )
    found = dict(exact)
    for candidate, similarity, _ in close:
        found.setdefault(candidate, similarity)
    if len(word) >= 4:
        for candidate in index.vocabulary:
            if candidate.startswith(word) and candidate not in found:
                found[candidate] = 90.0
    return list(found.items())


def _kind(entry: Entry, word: str) -> str:
    if word in words(" ".join(entry.names)):
        return "name"
    if word == postcode_key(entry.postcode) or word == postcode_key(entry.postcode)[:-3]:
        return "postcode"
    return "address"
