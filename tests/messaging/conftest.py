"""Messaging fixtures: a fake Twilio API on 127.0.0.1, workers over the test database with
a clock the test moves, and people to text."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from common.calendar import LONDON
from portal.config import ROOT
from repairs.messaging.content import Letterhead
from repairs.messaging.outbox import enqueue
from repairs.messaging.settings import WorkerSettings
from repairs.messaging.timing import QuietHours
from repairs.messaging.transports.console import ConsoleTransport
from repairs.messaging.transports.twilio import TwilioSettings, TwilioTransport
from repairs.messaging.worker import Worker
from repairs.models import OutboundMessage
from tests.bot.conftest import signed_post, twilio_token  # noqa: F401  (shared fixtures)
from tests.fakes.twilio_api import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio
from tests.worker_fixtures import Clock

LETTERHEAD = Letterhead(translations_dir=ROOT / "translations")
# A working Tuesday, mid-morning in London: outside quiet hours.
MORNING = datetime(2026, 11, 3, 10, 0, tzinfo=LONDON)


@pytest.fixture
def clock() -> Clock:
    return Clock(MORNING)


@pytest.fixture
def fake_twilio():
    with FakeTwilio() as fake:
        fake.slow(0.6)
        yield fake


def twilio_transport(fake: FakeTwilio, timeout: float = 0.3, **overrides) -> TwilioTransport:
    settings = {
        "account_sid": ACCOUNT_SID,
        "auth_token": AUTH_TOKEN,
        "base_url": fake.url,
        "sms_from": "+447700900000",
        "status_callback": "http://127.0.0.1:5000/bot/twilio/status",
        "timeout": timeout,
    }
    return TwilioTransport(TwilioSettings(**(settings | overrides)))


@pytest.fixture
def make_worker(app, clock):
    made = []

    def make(transport=None, name: str | None = None, jobs=(), **overrides) -> Worker:
        values = {
            "batch_size": 50,
            "concurrency": 4,
            "lease": timedelta(seconds=30),
            "retry_base_seconds": 10,
            "retry_max_seconds": 600,
            "send_timeout": 0.3,
            "quiet": QuietHours.parse("20:00-08:00"),
        }
        settings = WorkerSettings(**(values | overrides))
        engine = app.extensions["database"].engine
        worker = Worker(
            sessionmaker(engine, expire_on_commit=False),
            transport or ConsoleTransport(io.StringIO()),
            settings,
            LETTERHEAD,
            name=name,
            clock=clock,
            rng=lambda: 0.5,
            jobs=jobs,
        )
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.close()


@pytest.fixture
def tenant(factories, session):
    person, _tenancy = factories.create_tenant(mobile="+447700900123")
    session.commit()
    return person


@pytest.fixture
def queue(session, clock):
    """Write a message for ``person`` as a service would, and commit it."""

    def write(person, purpose="completed", params=None, **options):
        values = {
            "landlord": "Trent Vale Homes",
            "reference": "ABC-DEFG",
            "phone": "0115 496 0000",
            "code": "123456",
            "minutes": 10,
        }
        message = enqueue(
            session,
            person,
            purpose,
            values | (params or {}),
            translations=LETTERHEAD.translations_dir,
            now=options.pop("now", clock()),
            **options,
        )
        session.commit()
        return message

    return write


def reload(session, message: OutboundMessage) -> OutboundMessage:
    return session.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.id == message.id)
        .execution_options(populate_existing=True)
    )
