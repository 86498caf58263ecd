"""What a year of repairs looks like: categories, their shares, trades and typical words.

Shares follow the pattern housing providers publish: plumbing, heating and doors lead;
about a fifth of jobs are emergencies; damp and mould is a steady, seasonal stream.
"""

from __future__ import annotations

from common.codes import Priority, values

# category: (share, trade, (emergency, urgent, routine) weights, minutes, descriptions)
CATEGORIES: dict[str, tuple[float, str, tuple[int, int, int], int, tuple[str, ...]]] = {
    "heating_hot_water": (
        14,
        "gas_engineer",
        (30, 45, 25),
        90,
        (
            "No heating or hot water, boiler showing an error",
            "Radiator in the bedroom is cold at the top",
            "Boiler keeps losing pressure",
            "No hot water but the heating works",
        ),
    ),
    "water_leak": (
        12,
        "plumber",
        (35, 40, 25),
        75,
        (
            "Water coming through the kitchen ceiling from upstairs",
            "Leak under the kitchen sink",
            "Burst pipe in the airing cupboard",
            "Dripping pipe behind the toilet",
        ),
    ),
    "drainage": (
        8,
        "plumber",
        (25, 50, 25),
        60,
        (
            "Toilet blocked and will not flush",
            "Bath drains very slowly",
            "Kitchen sink blocked",
            "Drain outside overflowing",
        ),
    ),
    "toilet_bathroom": (
        6,
        "plumber",
        (5, 35, 60),
        60,
        (
            "Toilet flush not working",
            "Bath panel broken",
            "Shower not working",
            "Cracked wash basin",
        ),
    ),
    "electrical": (
        9,
        "electrician",
        (30, 35, 35),
        60,
        (
            "No power to the sockets in the kitchen",
            "Light in the hallway not working",
            "Socket hanging off the wall",
            "Trip switch keeps going off",
        ),
    ),
    "doors_locks": (
        9,
        "carpenter",
        (20, 30, 50),
        60,
        (
            "Front door will not lock",
            "Back door sticking and hard to close",
            "Internal door hinge broken",
            "Lock on the front door is stiff",
        ),
    ),
    "windows": (
        7,
        "glazier",
        (10, 40, 50),
        60,
        (
            "Window will not close properly",
            "Cracked glass in the living room window",
            "Window handle broken",
            "Window seal letting in draught",
        ),
    ),
    "kitchen": (
        6,
        "carpenter",
        (0, 25, 75),
        90,
        (
            "Kitchen cupboard door hanging off",
            "Worktop damaged near the sink",
            "Drawer runner broken",
        ),
    ),
    "walls_floors_ceilings": (
        6,
        "plasterer",
        (8, 32, 60),
        120,
        (
            "Crack in the bedroom ceiling",
            "Plaster coming away from the wall",
            "Floorboard loose on the landing",
            "Stair tread broken",
        ),
    ),
    "damp_mould": (
        6,
        "surveyor",
        (4, 56, 40),
        60,
        (
            "Black mould on the bedroom wall",
            "Damp patch on the ceiling",
            "Mould around the bathroom window",
            "Walls wet with condensation every morning",
        ),
    ),
    "roof_gutters": (
        4,
        "roofer",
        (10, 45, 45),
        120,
        (
            "Roof leaking into the loft",
            "Gutter overflowing when it rains",
            "Missing roof tiles after the storm",
        ),
    ),
    "communal": (
        4,
        "general_operative",
        (15, 45, 40),
        60,
        (
            "Lift not working in the block",
            "Communal lights out on the stairwell",
            "Door entry system broken",
            "Bin store door broken",
        ),
    ),
    "fire_safety": (
        2,
        "electrician",
        (45, 40, 15),
        45,
        (
            "Smoke alarm beeping",
            "Fire door closer broken",
            "Smoke alarm not working",
        ),
    ),
    "pests": (
        2,
        "pest_control",
        (0, 70, 30),
        45,
        (
            "Mice in the kitchen",
            "Wasps nest by the back door",
            "Rats in the garden",
        ),
    ),
    "external": (
        3,
        "carpenter",
        (0, 20, 80),
        90,
        (
            "Fence panel blown down",
            "Garden gate broken",
            "Path slabs uneven and a trip hazard",
        ),
    ),
    "gas": (
        1,
        "gas_engineer",
        (90, 5, 5),
        60,
        (
            "Smell of gas in the kitchen",
            "Carbon monoxide alarm going off",
            "Gas fire not working",
        ),
    ),
    "water_supply": (
        1,
        "plumber",
        (70, 25, 5),
        60,
        (
            "No water coming out of the taps",
            "Very low water pressure",
        ),
    ),
}
PRIORITIES = values(Priority)
