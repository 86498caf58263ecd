"""Homes, blocks, tenancies and households for the demo city."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from repairs.seed import geography as geo
from repairs.seed import people

FLAT_SHARE = 0.42  # share of homes that are flats in blocks with communal areas
# The demo tenant of the README and the operations contract: the first home, a flat in a
# block (so communal repairs can be tried), in NG4.
DEMO_DISTRICT = "NG4"
DEMO_POSTCODE = "NG4 4NN"
DEMO_TENANT = {
    "given_name": "Zainab",
    "family_name": "Rahman",
    "preferred_language": "en",
    "preferred_channel": "sms",
    "needs_interpreter": False,
}


@dataclass
class City:
    blocks: list[dict] = field(default_factory=list)
    properties: list[dict] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    tenancies: list[dict] = field(default_factory=list)
    members: list[dict] = field(default_factory=list)
    # For the history: each home's lead person, household flags and patch.
    households: list[tuple[int, int, list[str], str, int | None]] = field(default_factory=list)


def _uprn(n: int) -> str:
    return f"{100_030_000_000 + n:012d}"


def build_city(rng: random.Random, homes: int, today: date) -> City:
    city = City()
    streets = {d.code: geo.street_names(rng, 30) for d in geo.DISTRICTS}
    block_budget = int(homes * FLAT_SHARE)
    uprn = 0
    while block_budget > 0:
        district = geo.pick_district(rng)
        if not city.blocks:
            district = next(d for d in geo.DISTRICTS if d.code == DEMO_DISTRICT)
        storeys = rng.choice((3, 4, 4, 5, 6, 8, 12, 15))
        size = min(block_budget, storeys * rng.randint(2, 6))
        lat, lon = geo.scatter(rng, district)
        uprn += 1
        block_id = len(city.blocks) + 1
        street = rng.choice(streets[district.code])
        city.blocks.append(
            {
                "id": block_id,
                "uprn": _uprn(uprn),
                "name": f"{rng.choice(people.FAMILY)} {rng.choice(('House', 'Court', 'Tower'))}",
                "address_line_1": street,
                "postcode": geo.postcode(rng, district),
                "latitude": lat,
                "longitude": lon,
                "patch": district.patch,
                "storeys": storeys,
                "lifts": 0 if storeys <= 4 else (1 if storeys < 10 else 2),
            }
        )
        for flat in range(1, size + 1):
            uprn += 1
            _add_home(
                city,
                rng,
                today,
                district,
                uprn,
                "flat",
                f"Flat {flat}",
                f"{city.blocks[-1]['name']}, {street}",
                lat,
                lon,
                block_id,
                floor=(flat - 1) * storeys // size,
                postcode=city.blocks[-1]["postcode"],
            )
        block_budget -= size
    while len(city.properties) < homes:
        district = geo.pick_district(rng)
        lat, lon = geo.scatter(rng, district)
        uprn += 1
        kind = rng.choices(("house", "bungalow", "maisonette"), weights=(80, 12, 8))[0]
        _add_home(
            city,
            rng,
            today,
            district,
            uprn,
            kind,
            str(rng.randint(1, 240)),
            rng.choice(streets[district.code]),
            lat,
            lon,
            None,
            floor=0,
            postcode=geo.postcode(rng, district),
        )
    _demo_household(city)
    return city


def _demo_household(city: City) -> None:
    # Overwritten after drawing, so the random streams (and every other home) stay as they were.
    if not city.properties:
        return
    first = city.properties[0]
    for home in city.properties:
        if home is first or (first["block_id"] and home["block_id"] == first["block_id"]):
            home["postcode"] = DEMO_POSTCODE
    if first["block_id"]:
        city.blocks[first["block_id"] - 1]["postcode"] = DEMO_POSTCODE
    city.persons[0].update(DEMO_TENANT)


def _add_home(
    city, rng, today, district, uprn, kind, number, street, lat, lon, block_id, floor, postcode
) -> None:
    home_id = len(city.properties) + 1
    if block_id is not None:
        # Flats share the block's point, nudged a few metres so maps do not stack them.
        lat, lon = (
            round(lat + rng.uniform(-3e-5, 3e-5), 6),
            round(lon + rng.uniform(-3e-5, 3e-5), 6),
        )
    city.properties.append(
        {
            "id": home_id,
            "uprn": _uprn(uprn),
            "kind": kind,
            "address_line_1": f"{number} {street}" if block_id is None else number,
            "address_line_2": None if block_id is None else street,
            "town": "Nottingham",
            "postcode": postcode,
            "latitude": lat,
            "longitude": lon,
            "patch": district.patch,
            "bedrooms": rng.choice((1, 1, 2, 2, 2, 3, 3, 4)),
            "floor": floor,
            "block_id": block_id,
        }
    )
    _add_household(city, rng, today, home_id, district.patch, block_id)


def _add_household(city, rng, today, home_id, patch, block_id) -> None:
    flags = people.draw_vulnerabilities(rng)
    language = people.draw_language(rng)
    lead_id = len(city.persons) + 1
    given, family = people.name(rng)
    city.persons.append(
        {
            "id": lead_id,
            "given_name": given,
            "family_name": family,
            "date_of_birth": people.birth_date(rng, today, "elderly" in flags),
            "mobile": people.household_mobile(home_id),
            "email": None,
            "preferred_language": language,
            "preferred_channel": people.draw_channel(rng),
            "vulnerabilities": flags,
            "needs_interpreter": language != "en" and rng.random() < 0.4,
            "consent_sms": True,
            "consent_whatsapp": rng.random() < 0.3,
            "opted_out_at": None,
        }
    )
    tenancy_id = len(city.tenancies) + 1
    city.tenancies.append(
        {
            "id": tenancy_id,
            "reference": f"TV-{home_id:06d}",
            "property_id": home_id,
            "start_date": today - timedelta(days=rng.randint(60, 30 * 365)),
            "end_date": None,
        }
    )
    city.members.append({"tenancy_id": tenancy_id, "person_id": lead_id, "role": "lead"})
    if rng.random() < 0.22:
        joint_id = len(city.persons) + 1
        city.persons.append(
            {
                "id": joint_id,
                "given_name": rng.choice(people.GIVEN),
                "family_name": family,
                "date_of_birth": people.birth_date(rng, today, "elderly" in flags),
                "mobile": people.joint_mobile(home_id),
                "email": None,
                "preferred_language": language,
                "preferred_channel": "sms",
                "vulnerabilities": [],
                "needs_interpreter": False,
                "consent_sms": True,
                "consent_whatsapp": False,
                "opted_out_at": None,
            }
        )
        city.members.append({"tenancy_id": tenancy_id, "person_id": joint_id, "role": "joint"})
    city.households.append((home_id, lead_id, flags, patch, block_id))
