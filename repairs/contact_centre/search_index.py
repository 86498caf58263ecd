"""An in-memory index of every current household, for finding a tenant fast.

25,000 homes fit easily in memory. Words of names, addresses and postcodes go into an
inverted index; a misspelt word is matched against the (small) vocabulary of indexed
words with rapidfuzz, and the households holding the close words are looked up, so a
search costs milliseconds however large the city.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from repairs.models import Person, Property, Tenancy, TenancyMember

WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One household as the search shows it."""

    tenancy_reference: str
    address: str
    postcode: str
    patch: str
    names: tuple[str, ...]
    mobiles: tuple[str, ...]


def postcode_key(postcode: str) -> str:
    return postcode.lower().replace(" ", "")


def national(mobile: str) -> str:
    """+447700900001 as it is said and typed here: 07700900001."""
    return "0" + mobile[3:] if mobile.startswith("+44") else mobile.lstrip("+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@dataclass
class SearchIndex:
    entries: list[Entry] = field(default_factory=list)
    postings: dict[str, frozenset[int]] = field(default_factory=lambda: defaultdict(set))
    by_reference: dict[str, int] = field(default_factory=dict)
    mobiles: list[tuple[str, int]] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)
    token: tuple = ()
    built_at: float = 0.0

    def add(self, entry: Entry) -> None:
        n = len(self.entries)
        self.entries.append(entry)
        self.by_reference[_alnum(entry.tenancy_reference)] = n
        key = postcode_key(entry.postcode)
        # The postcode counts whole (ng44nn) and by its district (ng4).
        seen = set(WORD.findall(f"{' '.join(entry.names)} {entry.address}".lower()))
        seen.add(key)
        seen.add(key[:-3])
        postings = self.postings
        for word in seen:
            postings[word].add(n)
        self.mobiles.extend((national(m), n) for m in entry.mobiles)

    def freeze(self) -> SearchIndex:
        self.postings = {word: frozenset(ns) for word, ns in self.postings.items()}
        self.vocabulary = list(self.postings)
        self.built_at = time.monotonic()
        return self


NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def _alnum(text: str) -> str:
    return NOT_ALNUM.sub("", text.upper())


def freshness(session: Session) -> tuple:
    """A cheap fingerprint of the households: it changes when people, tenancies or
    members are added, or a tenancy ends. (Edits in place are caught by the index's age.)"""
    row = session.execute(
        select(
            select(func.count(Person.id)).scalar_subquery(),
            select(func.max(Person.id)).scalar_subquery(),
            select(func.count(TenancyMember.id)).scalar_subquery(),
            select(func.max(TenancyMember.id)).scalar_subquery(),
            select(func.max(Tenancy.id)).scalar_subquery(),
            select(func.count(Tenancy.end_date)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def build_index(session: Session, today: date) -> SearchIndex:
    """Every current tenancy with its home and its people."""
    token = freshness(session)
    current = or_(Tenancy.end_date.is_(None), Tenancy.end_date >= today)
    homes = session.execute(
        select(
            Tenancy.id,
            Tenancy.reference,
            Property.address_line_1,
            Property.address_line_2,
            Property.town,
            Property.postcode,
            Property.patch,
        )
        .join(Property, Property.id == Tenancy.property_id)
        .where(Tenancy.start_date <= today, current)
        .order_by(Tenancy.id)
    ).all()
    people: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for tenancy_id, given, family, mobile in session.execute(
        select(TenancyMember.tenancy_id, Person.given_name, Person.family_name, Person.mobile)
        .join(Person, Person.id == TenancyMember.person_id)
        .join(Tenancy, Tenancy.id == TenancyMember.tenancy_id)
        .where(Tenancy.start_date <= today, current)
        .order_by(TenancyMember.tenancy_id, TenancyMember.id)
    ):
        people[tenancy_id].append((f"{given} {family}", mobile))
    index = SearchIndex(token=token)
    for tenancy_id, reference, line_1, line_2, town, postcode, patch in homes:
        members = people.get(tenancy_id, [])
        address = ", ".join(p for p in (line_1, line_2, town) if p)
        index.add(
            Entry(
                tenancy_reference=reference,
                address=address,
                postcode=postcode,
                patch=patch,
                names=tuple(name for name, _ in members),
                mobiles=tuple(mobile for _, mobile in members if mobile),
            )
        )
    return index.freeze()
