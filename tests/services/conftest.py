"""Service fixtures: a household near known operatives, and a context over the test's
own session, with the clock held on a working Friday morning before a clear week."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from common.calendar import LONDON
from portal.config import ROOT
from repairs.audit import Actor
from repairs.models import Block, StaffUser
from repairs.services import Context, Policy
from scheduling.embedded.core import EmbeddedCore
from scheduling.windows import Settings
from tests.scheduling.conftest import CENTRE, clear_week, create_operative  # noqa: F401
from triage_rules import default_ruleset


class Clock:
    """A clock the test moves by hand; the services and the core read the same one."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def to(self, day, hour: int, minute: int = 0) -> None:
        self.now = datetime.combine(day, time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def week():
    return clear_week()


@pytest.fixture
def clock(week) -> Clock:
    # The Friday before a clear working week, mid-morning.
    return Clock(datetime.combine(week - timedelta(days=3), time(10, 0), tzinfo=LONDON))


@pytest.fixture
def ctx(app, session, clock, tmp_path) -> Context:
    core = EmbeddedCore(lambda: session, Settings(), clock=clock)
    policy = Policy(upload_dir=tmp_path / "uploads", translations_dir=ROOT / "translations")
    return Context(session, core, default_ruleset(), policy, clock)


@pytest.fixture
def plumber(create_operative):  # noqa: F811
    return create_operative(trades=("plumber", "general_operative"))


@pytest.fixture
def household(factories, session):
    """A tenant at a home close to the centre, in a block with communal areas."""
    block = Block(
        uprn="100000000001",
        name="Trent House",
        address_line_1="1 Trent Street",
        postcode="NG1 1AA",
        latitude=CENTRE[0],
        longitude=CENTRE[1],
        patch="Central",
        storeys=8,
        lifts=1,
    )
    session.add(block)
    session.flush()
    home = factories.create_property(
        latitude=CENTRE[0] + 0.002, longitude=CENTRE[1], block_id=block.id, kind="flat"
    )
    person, tenancy = factories.create_tenant(home=home, mobile="+447700900123")
    session.commit()
    return person, tenancy, home


@pytest.fixture
def tenant(household) -> Actor:
    person = household[0]
    return Actor.tenant(person.id, person.full_name, "web")


@pytest.fixture
def agent(factories, session) -> Actor:
    staff: StaffUser = factories.create_staff(role="agent")
    session.commit()
    return Actor.staff(staff.id, staff.name, staff.role, "phone")
