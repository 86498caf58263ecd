"""A fictional city over Nottingham's real extent: postcode districts NG1 to NG11.

Centres are placed inside the city boundary (those of NG4, NG9 and NG10, whose districts
reach beyond it, sit on the city side), and homes scatter around them, clamped to the city.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# City boundary as a bounding box; every seeded coordinate falls inside it.
LAT_MIN, LAT_MAX = 52.890, 53.015
LON_MIN, LON_MAX = -1.245, -1.090


@dataclass(frozen=True)
class District:
    code: str
    latitude: float
    longitude: float
    spread_km: float
    weight: float
    patch: str
    areas: tuple[str, ...]


DISTRICTS = (
    District("NG1", 52.9540, -1.1500, 0.8, 3, "Central", ("City Centre", "Lace Market")),
    District("NG2", 52.9370, -1.1420, 1.4, 10, "South", ("The Meadows", "Trent Bridge")),
    District("NG3", 52.9680, -1.1300, 1.5, 13, "East", ("Sneinton", "St Ann's", "Mapperley")),
    District("NG4", 52.9700, -1.1020, 0.9, 4, "East", ("Colwick", "Bakersfield")),
    District("NG5", 52.9990, -1.1500, 1.6, 14, "North", ("Sherwood", "Bestwood", "Top Valley")),
    District("NG6", 53.0030, -1.1950, 1.4, 12, "North", ("Bulwell", "Basford")),
    District("NG7", 52.9530, -1.1780, 1.2, 11, "Central", ("Radford", "Lenton", "Hyson Green")),
    District("NG8", 52.9620, -1.2130, 1.5, 15, "West", ("Aspley", "Bilborough", "Strelley")),
    District("NG9", 52.9360, -1.2150, 0.8, 4, "West", ("Wollaton Vale", "Lenton Abbey")),
    District("NG10", 52.9250, -1.2250, 0.6, 2, "South", ("Thistle Hill",)),
    District("NG11", 52.9080, -1.1750, 1.5, 12, "South", ("Clifton", "Wilford", "Silverdale")),
)
PATCHES = ("Central", "North", "East", "South", "West")

_STREET_STEMS = (
    "Alfreton",
    "Arkwright",
    "Beckhampton",
    "Bestwood",
    "Bracebridge",
    "Bramcote",
    "Broxtowe",
    "Cavendish",
    "Chalfont",
    "Denewood",
    "Derwent",
    "Edgware",
    "Ellesmere",
    "Farnborough",
    "Gladstone",
    "Glaisdale",
    "Haydn",
    "Hucknall",
    "Ilkeston",
    "Kirkby",
    "Lambert",
    "Lindfield",
    "Mansfield",
    "Meadow",
    "Millbank",
    "Newstead",
    "Oakdale",
    "Peveril",
    "Queens",
    "Radmarsh",
    "Ribblesdale",
    "Ruddington",
    "Southchurch",
    "Sherwood",
    "Stanhome",
    "Strelley",
    "Trentside",
    "Valley",
    "Wigman",
    "Wollaton",
    "Woodhouse",
    "Whitemoor",
    "Yewdale",
    "Beechdale",
    "Hartley",
    "Carrington",
    "Gregory",
    "Lenton",
    "Colwick",
    "Ransom",
)
_STREET_KINDS = ("Road", "Street", "Avenue", "Close", "Crescent", "Drive", "Gardens", "Way", "Lane")
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in inward codes


def street_names(rng: random.Random, count: int) -> list[str]:
    names = {f"{rng.choice(_STREET_STEMS)} {rng.choice(_STREET_KINDS)}" for _ in range(count * 3)}
    return sorted(names)[:count]


def postcode(rng: random.Random, district: District) -> str:
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    return f"{district.code} {inward}"


def scatter(rng: random.Random, district: District) -> tuple[float, float]:
    """A point near the district centre, inside the city."""
    # About 111 km a degree of latitude, 67 km a degree of longitude at 53 degrees north.
    lat = district.latitude + rng.gauss(0, district.spread_km / 2) / 111.0
    lon = district.longitude + rng.gauss(0, district.spread_km / 2) / 67.0
    return (
        round(min(max(lat, LAT_MIN), LAT_MAX), 6),
        round(min(max(lon, LON_MIN), LON_MAX), 6),
    )


def pick_district(rng: random.Random) -> District:
    return rng.choices(DISTRICTS, weights=[d.weight for d in DISTRICTS])[0]
