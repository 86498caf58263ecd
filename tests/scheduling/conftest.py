"""Scheduling fixtures: operatives at known places, a week with no bank holiday, cores."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from common.calendar import LONDON, is_working_day
from repairs.models import Appointment, Operative, OperativeAbsence
from scheduling import Job

# Nottingham: the Council House, and points a known distance east of it.
CENTRE = (52.9533, -1.1496)
STANDARD = {str(d): ["08:00", "16:00"] for d in range(5)}
_names = itertools.count(1)


def east_of(km: float, origin: tuple[float, float] = CENTRE) -> tuple[float, float]:
    """A point ``km`` kilometres due east (about 67 km to a degree of longitude here)."""
    return origin[0], origin[1] + km / 66.96


def clear_week(start: date | None = None) -> date:
    """The Monday of the first week, at least a week away, with five working days and a
    working Friday before it (the services' tests hold their clock there)."""
    day = (start or date.today()) + timedelta(days=7)
    day += timedelta(days=(7 - day.weekday()) % 7)
    while not (
        is_working_day(day - timedelta(days=3))
        and all(is_working_day(day + timedelta(days=n)) for n in range(5))
    ):
        day += timedelta(days=7)
    return day


def make_job(reference: str | None = None, **overrides) -> Job:
    values = {
        "reference": f"JOB-{uuid.uuid4().hex[:8]}" if reference is None else reference,
        "trade": "plumber",
        "duration_minutes": 60,
        "latitude": CENTRE[0],
        "longitude": CENTRE[1],
        "priority": "routine",
    }
    return Job(**(values | overrides))


def london(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def week() -> date:
    return clear_week()


class Clock:
    """The embedded core's clock, set by the test (the real time until it is)."""

    def __init__(self) -> None:
        self.now: datetime | None = None

    def __call__(self) -> datetime:
        return self.now or datetime.now(UTC)


@pytest.fixture
def clock(app):
    """Freeze the app's embedded core (the one the HTTP API serves too) at ``clock.now``."""
    from portal.wiring import embedded_core_for

    core = embedded_core_for(app)
    saved, core.clock = core.clock, Clock()
    yield core.clock
    core.clock = saved


@pytest.fixture
def create_operative(session):
    def create(
        trades=("plumber",),
        home=CENTRE,
        pattern=None,
        absences=(),
        **overrides,
    ) -> Operative:
        n = next(_names)
        op = Operative(
            name=f"Operative {n}",
            trades=list(trades),
            patch="Central",
            home_latitude=home[0],
            home_longitude=home[1],
            working_pattern=pattern or STANDARD,
            mobile=None,
            active=True,
            **overrides,
        )
        session.add(op)
        session.flush()
        for start, end in absences:
            session.add(
                OperativeAbsence(operative_id=op.id, starts_on=start, ends_on=end, reason="leave")
            )
        session.commit()
        return op

    return create


class Harness:
    """A core as a caller uses it: each operation is its own committed unit of work.

    The embedded core joins the caller's transaction, so the harness commits after each
    call (and rolls back after a refusal), as a request handler would; a remote core
    commits on its own side, so for it there is nothing to do.
    """

    def __init__(self, core, session=None) -> None:
        self.core = core
        self.session = session

    def __getattr__(self, name):
        operation = getattr(self.core, name)
        if not callable(operation):
            return operation

        def call(*args, **kwargs):
            try:
                result = operation(*args, **kwargs)
            except Exception:
                if self.session is not None:
                    self.session.rollback()
                raise
            if self.session is not None:
                self.session.commit()
            return result

        return call


@pytest.fixture
def embedded(app):
    from portal.extensions import db
    from portal.wiring import embedded_core_for

    with app.app_context():
        yield Harness(embedded_core_for(app), db.session)


def issue_token(app, name: str = "contract-tests") -> str:
    """A token from the real command, read as the contract says: the last word printed."""
    result = app.test_cli_runner().invoke(args=["scheduling", "token", "create", name])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1].split()[-1]


@pytest.fixture
def http_core(app, live_server):
    from scheduling.http_client import HttpSchedulingCore

    return Harness(HttpSchedulingCore(live_server, issue_token(app)))


@pytest.fixture(params=["embedded", "http"])
def core(request):
    """The contract suite runs once against each implementation of the port."""
    return request.getfixturevalue("embedded" if request.param == "embedded" else "http_core")


@pytest.fixture
def booked_repairs(app, embedded, create_operative, week, factories, session):
    """The crossed day (``replan_fixtures``), each booking the appointment of a real repair."""
    from tests.scheduling.replan_fixtures import crossed_day

    west, east, tuesday, bookings = crossed_day(embedded, create_operative, week)
    home = factories.create_property()
    for booking in bookings:
        repair = factories.create_repair(home, status="booked", reference=booking.job_reference)
        session.add(
            Appointment(
                repair_id=repair.id,
                operative_id=booking.slot.operative_id,
                window=booking.slot.window,
                starts_at=booking.slot.starts_at,
                ends_at=booking.slot.ends_at,
                status="booked",
                channel="web",
            )
        )
    session.commit()
    return west, east, tuesday, bookings
