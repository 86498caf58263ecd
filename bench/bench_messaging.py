"""How fast messages leave, and how fast tomorrow's reminders are found and written.

1. Dispatch: one worker sends BENCH_MESSAGES queued texts (each to its own tenant) to the
   fake Twilio API, running in its own process as Twilio would be, through the official
   client; measured with the default 8 sends at once and with 1. Aim: 200 a second.
2. Reminders: BENCH_APPOINTMENTS visits tomorrow; the time for the scheduler to find them
   and write one reminder each, in the tenants' languages, committed. Aim: under 5 s.

Run with ``make bench-messaging``. Uses a fresh SQLite file unless BENCH_DATABASE_URL names
another database, which it EMPTIES first (drops every table).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from demo_city import machine
from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import sessionmaker

from common.calendar import LONDON
from portal.config import ROOT
from portal.database import make_engine
from portal.migrate import upgrade
from repairs.messaging.content import Letterhead
from repairs.messaging.reminders import enqueue_reminders
from repairs.messaging.settings import Reminders, WorkerSettings
from repairs.messaging.templates import render
from repairs.messaging.timing import QuietHours
from repairs.messaging.transports.twilio import TwilioSettings, TwilioTransport
from repairs.messaging.worker import Worker
from repairs.models import Appointment, Base, OutboundMessage, Person, Property, Repair
from repairs.references import format_reference

MESSAGES = int(os.environ.get("BENCH_MESSAGES", "4000"))
APPOINTMENTS = int(os.environ.get("BENCH_APPOINTMENTS", "5000"))
LETTERHEAD = Letterhead(translations_dir=ROOT / "translations")
ACCOUNT_SID, AUTH_TOKEN = "AC" + "0" * 32, "fake-twilio-auth-token"


def _empty(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def _people(session, count: int, offset: int) -> list[int]:
    rows = [
        {
            "given_name": "Bench",
            "family_name": f"Tenant {n}",
            "mobile": f"+4477009{offset + n:05d}",
            "preferred_language": "pl" if n % 10 == 0 else "en",
            "preferred_channel": "sms",
            "vulnerabilities": [],
            "needs_interpreter": False,
            "consent_sms": True,
            "consent_whatsapp": False,
        }
        for n in range(count)
    ]
    return list(session.scalars(insert(Person).returning(Person.id), rows))


def _queue(session, count: int) -> None:
    now = datetime.now(UTC)
    ids = _people(session, count, 0)
    body = render("completed", "en", {"landlord": "Trent Vale Homes", "reference": "X"}, ROOT)
    session.execute(
        insert(OutboundMessage),
        [
            {
                "person_id": person_id,
                "channel": "sms",
                "to": f"+4477009{n:05d}",
                "body": body.replace(" X ", f" B{n:06d} "),
                "purpose": "completed",
                "priority": 2,
                "status": "queued",
                "attempts": 0,
                "outcome_unknown": False,
                "next_attempt_at": now,
                "created_at": now,
            }
            for n, person_id in enumerate(ids)
        ],
    )
    session.commit()


def _start_fake() -> tuple[subprocess.Popen, str]:
    fake = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.twilio_api"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    return fake, fake.stdout.readline().strip()


def _dispatch(url: str, concurrency: int) -> tuple[float, int]:
    engine = make_engine(url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session:
        session.execute(text("DELETE FROM outbound_message"))
        session.execute(text("DELETE FROM person"))
        session.commit()
        _queue(session, MESSAGES)
    fake, fake_url = _start_fake()
    try:
        transport = TwilioTransport(
            TwilioSettings(ACCOUNT_SID, AUTH_TOKEN, fake_url, sms_from="+447700900000")
        )
        settings = WorkerSettings(
            batch_size=100, concurrency=concurrency, quiet=QuietHours.parse("off")
        )
        worker = Worker(sessions, transport, settings, LETTERHEAD)
        started = time.perf_counter()
        while worker.run_once():
            pass
        elapsed = time.perf_counter() - started
        worker.close()
        with urllib.request.urlopen(f"{fake_url}/_fake/messages") as answer:  # noqa: S310
            received = len(json.load(answer)["messages"])
        with sessions() as session:
            sent = session.scalar(select(func.count()).where(OutboundMessage.status == "sent"))
        assert received == sent == MESSAGES, (received, sent)
    finally:
        fake.terminate()
        fake.wait()
        engine.dispose()
    return MESSAGES / elapsed, received


def _visits(session, count: int, day) -> None:
    ids = _people(session, count, 50_000)
    homes = list(
        session.scalars(
            insert(Property).returning(Property.id),
            [
                {
                    "uprn": f"{900_000_000_000 + n:012d}",
                    "kind": "house",
                    "address_line_1": f"{n} Bench Street",
                    "town": "Nottingham",
                    "postcode": "NG7 1AA",
                    "latitude": 52.95,
                    "longitude": -1.17,
                    "patch": "Central",
                    "bedrooms": 2,
                    "floor": 0,
                }
                for n in range(count)
            ],
        )
    )
    reported = datetime.combine(day - timedelta(days=10), clock_time(9), tzinfo=LONDON)
    repairs = list(
        session.scalars(
            insert(Repair).returning(Repair.id),
            [
                {
                    "reference": format_reference(5_000_000 + n),
                    "property_id": home,
                    "reported_by_id": person,
                    "channel": "web",
                    "description": "Dripping tap",
                    "status": "booked",
                    "reported_at": reported,
                    "priority": "routine",
                    "hazard": "none",
                    "version": 1,
                    "updated_at": reported,
                }
                for n, (home, person) in enumerate(zip(homes, ids, strict=True))
            ],
        )
    )
    windows = [(8, 12), (12, 16), (8, 16), (9, 14)]
    session.execute(
        insert(Appointment),
        [
            {
                "repair_id": repair,
                "window": "morning",
                "starts_at": datetime.combine(day, clock_time(windows[n % 4][0]), tzinfo=LONDON),
                "ends_at": datetime.combine(day, clock_time(windows[n % 4][1]), tzinfo=LONDON),
                "status": "booked",
                "channel": "web",
                "booked_at": reported,
            }
            for n, repair in enumerate(repairs)
        ],
    )
    session.commit()


def _reminders(url: str) -> tuple[float, int]:
    engine = make_engine(url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    today = datetime(2026, 11, 3, tzinfo=LONDON).date()
    with sessions() as session:
        _visits(session, APPOINTMENTS, today + timedelta(days=1))
    at_six = datetime.combine(today, clock_time(18, 0), tzinfo=LONDON)
    with sessions() as session:
        started = time.perf_counter()
        written = enqueue_reminders(session, LETTERHEAD, Reminders(), at_six)
        session.commit()
        elapsed = time.perf_counter() - started
    engine.dispose()
    assert written == APPOINTMENTS, written
    return elapsed, written


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        _empty(url)
        upgrade(url)
        print(machine(url))
        print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine)")
        for concurrency in (8, 1):
            rate, count = _dispatch(url, concurrency)
            print(
                f"dispatch_per_second_one_worker {rate:,.0f} "
                f"({count:,} texts, {concurrency} sends at once; aim: 200)"
            )
        seconds, written = _reminders(url)
        print(f"reminders_for_{written}_visits_seconds {seconds:.2f} (aim: under 5)")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
