"""Households: names, languages and vulnerabilities in plausible shares for the city."""

from __future__ import annotations

import random
from datetime import date, timedelta

GIVEN = (
    "Aisha",
    "Amir",
    "Anna",
    "Babajide",
    "Bartek",
    "Bilal",
    "Chloe",
    "Daniel",
    "Darius",
    "Demi",
    "Ebony",
    "Emily",
    "Fatima",
    "Grace",
    "Hamza",
    "Hannah",
    "Ibrahim",
    "Ioana",
    "Jack",
    "Jade",
    "Jamal",
    "Jessica",
    "Joanne",
    "Kacper",
    "Kelly",
    "Kwame",
    "Leah",
    "Liam",
    "Lucy",
    "Mandeep",
    "Margaret",
    "Maria",
    "Mohammed",
    "Nadia",
    "Natalia",
    "Olivia",
    "Omar",
    "Patrick",
    "Priya",
    "Rachel",
    "Ryan",
    "Sadia",
    "Samuel",
    "Sarah",
    "Shanice",
    "Stephen",
    "Tariq",
    "Teresa",
    "Tomasz",
    "Zainab",
    "Zofia",
    "Wayne",
    "Yusuf",
    "Ayaan",
    "Dorothy",
    "Kenneth",
    "Pauline",
)
FAMILY = (
    "Ahmed",
    "Akhtar",
    "Ali",
    "Atkinson",
    "Bailey",
    "Begum",
    "Brown",
    "Campbell",
    "Clarke",
    "Davies",
    "Evans",
    "Hussain",
    "Iqbal",
    "Jackson",
    "Johnson",
    "Khan",
    "Kowalski",
    "Lewandowski",
    "Mahmood",
    "Mensah",
    "Mohamed",
    "Nowak",
    "Okafor",
    "Osei",
    "Patel",
    "Popescu",
    "Rahman",
    "Roberts",
    "Robinson",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thompson",
    "Walker",
    "White",
    "Williams",
    "Wilson",
    "Wright",
    "Yusuf",
    "Hassan",
    "Farah",
    "Ionescu",
    "Wood",
    "Turner",
)
# Shares of preferred languages among the landlord's tenants (about 16% not English).
LANGUAGES = (
    ("en", 84.0),
    ("pl", 3.0),
    ("ur", 2.5),
    ("ar", 2.0),
    ("pa", 1.5),
    ("ro", 1.5),
    ("so", 1.2),
    ("ku", 0.8),
    ("ti", 0.6),
    ("fa", 0.9),
    ("cy", 0.2),
    ("bn", 0.8),
    ("zh", 1.0),
)
# Each flag drawn independently: shares of households, as housing registers report them.
VULNERABILITY_SHARES = (
    ("elderly", 0.19),
    ("disability", 0.22),
    ("mental_health", 0.11),
    ("infant", 0.07),
    ("pregnancy", 0.02),
    ("medical_equipment", 0.015),
)
CHANNEL_SHARES = (("sms", 0.62), ("whatsapp", 0.18), ("email", 0.12), ("phone", 0.08))


def household_mobile(index: int) -> str:
    """Lead tenants' mobiles: 07700 900001 upwards, unique per household, never allocated."""
    return f"+4477009{index:05d}"


def joint_mobile(index: int) -> str:
    return f"+4477009{50_000 + index:05d}"


def draw_language(rng: random.Random) -> str:
    codes, weights = zip(*LANGUAGES, strict=True)
    return rng.choices(codes, weights=weights)[0]


def draw_vulnerabilities(rng: random.Random) -> list[str]:
    return [flag for flag, share in VULNERABILITY_SHARES if rng.random() < share]


def draw_channel(rng: random.Random) -> str:
    channels, weights = zip(*CHANNEL_SHARES, strict=True)
    return rng.choices(channels, weights=weights)[0]


def birth_date(rng: random.Random, today: date, elderly: bool) -> date:
    age = rng.randint(67, 94) if elderly else rng.randint(19, 64)
    return today - timedelta(days=age * 365 + rng.randint(0, 364))


def name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)
