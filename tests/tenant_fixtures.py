"""A household in a block near working operatives, signed in through the real pages.

A pytest plugin (``tests/conftest.py``), so every test module can ask for these.
"""

from __future__ import annotations

import re

import pytest

from repairs.models import Block
from tests.scheduling.conftest import CENTRE, STANDARD, create_operative  # noqa: F401
from tests.tenant_helpers import sign_in

RADIO = re.compile(
    r'<input class="govuk-radios__input" id="[^"]*" name="(\w+)" type="radio" value="([^"]*)"'
)
HIDDEN_KEY = re.compile(
    r'name="key" type="hidden" value="([^"]+)"|id="key" name="key" type="hidden" value="([^"]+)"'
)


def radio_values(html: str, name: str) -> list[str]:
    return [value for field, value in RADIO.findall(html) if field == name]


def hidden(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    if match is None:
        match = re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html)
    assert match, f"no hidden {name}"
    return match.group(1)


@pytest.fixture
def demo_block(session):
    block = Block(
        uprn="100000000777",
        name="Trent House",
        address_line_1="1 Trent Street",
        postcode="NG4 4NN",
        latitude=CENTRE[0],
        longitude=CENTRE[1],
        patch="Central",
        storeys=8,
        lifts=1,
    )
    session.add(block)
    session.commit()
    return block


@pytest.fixture
def demo_home(factories, session, demo_block):
    home = factories.create_property(
        latitude=CENTRE[0] + 0.002,
        longitude=CENTRE[1],
        block_id=demo_block.id,
        kind="flat",
        postcode="NG4 4NN",
        address_line_1="Flat 1",
        address_line_2="Trent House, Trent Street",
    )
    session.commit()
    return home


@pytest.fixture
def demo_tenant(factories, session, demo_home):
    person, tenancy = factories.create_tenant(
        mobile="+447700900001",
        reference="TV-000001",
        home=demo_home,
        given_name="Zainab",
        family_name="Rahman",
    )
    session.commit()
    return person, tenancy


@pytest.fixture
def operatives(session, create_operative):  # noqa: F811
    """Enough trades near the home that any routine repair can be offered times."""
    return [
        create_operative(
            trades=("plumber", "general_operative", "carpenter", "electrician", "glazier"),
            home=CENTRE,
            pattern=STANDARD,
        )
        for _ in range(2)
    ]


@pytest.fixture
def signed_in(client_request, session, demo_tenant):
    person, tenancy = demo_tenant
    response = sign_in(client_request, session, person, tenancy)
    assert response.status_code == 302
    return person, tenancy
