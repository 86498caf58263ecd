"""Operatives across trades and patches, and the contact-centre staff."""

from __future__ import annotations

import random
from datetime import date, timedelta

from repairs.seed import geography as geo
from repairs.seed import people

# Head count per main trade (150 in all); a few carry a second trade.
TRADE_COUNTS = (
    ("plumber", 30),
    ("carpenter", 25),
    ("electrician", 22),
    ("gas_engineer", 18),
    ("general_operative", 15),
    ("plasterer", 10),
    ("roofer", 8),
    ("glazier", 6),
    ("surveyor", 6),
    ("locksmith", 4),
    ("pest_control", 4),
    ("lift_engineer", 2),
)
SECOND_TRADE = {"carpenter": "locksmith", "general_operative": "plasterer", "glazier": "carpenter"}
PATTERNS = {
    "standard": {str(d): ["08:00", "16:00"] for d in range(5)},
    "early": {str(d): ["07:00", "15:00"] for d in range(5)},
    "compressed": {str(d): ["07:30", "17:30"] for d in range(4)},
    "late": {str(d): ["10:00", "18:00"] for d in range(5)},
}
# Demo staff: the password is demo data (printed in the README), and seeding refuses to
# run in production, so it can never guard a real account.
DEMO_STAFF_PASSWORD = "demo-repairs-2026"  # noqa: S105 (documented demo data)
DEMO_STAFF = (
    ("agent@trentvale.example", "Alex Agent", "agent"),
    ("supervisor@trentvale.example", "Sam Supervisor", "supervisor"),
    ("surveyor@trentvale.example", "Sunita Surveyor", "surveyor"),
    ("admin@trentvale.example", "Ade Admin", "admin"),
)


def build_operatives(rng: random.Random, today: date) -> tuple[list[dict], list[dict]]:
    operatives, absences = [], []
    for trade, count in TRADE_COUNTS:
        for n in range(count):
            op_id = len(operatives) + 1
            patch = geo.PATCHES[n % len(geo.PATCHES)]
            district = rng.choice([d for d in geo.DISTRICTS if d.patch == patch])
            lat, lon = geo.scatter(rng, district)
            trades = [trade]
            if trade in SECOND_TRADE and rng.random() < 0.3:
                trades.append(SECOND_TRADE[trade])
            pattern = rng.choices(list(PATTERNS), weights=(70, 12, 12, 6))[0]
            given, family = people.name(rng)
            operatives.append(
                {
                    "id": op_id,
                    "name": f"{given} {family}",
                    "trades": trades,
                    "patch": patch,
                    "home_latitude": lat,
                    "home_longitude": lon,
                    "working_pattern": PATTERNS[pattern],
                    "mobile": f"+4477009{80_000 + op_id:05d}",
                    "active": True,
                }
            )
            if rng.random() < 0.15:
                start = today + timedelta(days=rng.randint(-20, 40))
                absences.append(
                    {
                        "operative_id": op_id,
                        "starts_on": start,
                        "ends_on": start + timedelta(days=rng.randint(1, 10)),
                        "reason": rng.choice(("annual_leave", "training", "sickness")),
                    }
                )
    return operatives, absences


def build_staff(rng: random.Random, password_hash: str) -> list[dict]:
    staff = [
        {"email": email, "name": name, "role": role, "password_hash": password_hash, "active": True}
        for email, name, role in DEMO_STAFF
    ]
    for n in range(1, 31):
        given, family = people.name(rng)
        staff.append(
            {
                "email": f"agent{n:02d}@trentvale.example",
                "name": f"{given} {family}",
                "role": "agent" if n > 4 else "supervisor",
                "password_hash": password_hash,
                "active": True,
            }
        )
    for n, row in enumerate(staff, start=1):
        row["id"] = n
    return staff
