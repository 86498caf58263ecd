"""Real worker processes (``flask worker``) against the test database and the fake API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from sqlalchemy import insert

from portal.config import ROOT
from repairs.messaging.templates import render
from repairs.models import OutboundMessage, Person
from repairs.models.base import utcnow
from tests.fakes.twilio_api import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio


def worker_env(database_url: str, fake: FakeTwilio | None = None, **overrides) -> dict:
    env = {
        "APP_ENV": "testing",
        "DATABASE_URL": database_url,
        "QUIET_HOURS": "off",  # the suite may run at any hour
        "WORKER_POLL_SECONDS": "0.05",
        "WORKER_LEASE_SECONDS": "3",
        "TWILIO_TIMEOUT_SECONDS": "0.5",
        "MESSAGE_RETRY_BASE_SECONDS": "0.2",
        "MESSAGE_RETRY_MAX_SECONDS": "1",
        "WORKER_CONCURRENCY": "4",
        "LOG_LEVEL": "INFO",
    }
    if fake is not None:
        env |= {
            "MESSAGE_TRANSPORT": "twilio",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_API_BASE_URL": fake.url,
        }
    return os.environ | env | overrides


class WorkerProcess(subprocess.Popen):
    """A ``flask worker`` whose output goes to temporary files, read once it has stopped.

    Not pipes: nobody reads a pipe while the worker runs, so a worker that logs more than
    a pipe holds (64 KiB, a few hundred failed sends) would block on its next log line
    and stall its round until it was stopped.
    """

    def __init__(self, args: list[str], **options) -> None:
        self._out = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed by stop())
        self._err = tempfile.TemporaryFile("w+")  # noqa: SIM115
        super().__init__(args, stdout=self._out, stderr=self._err, text=True, **options)

    def output(self) -> tuple[str, str]:
        texts = []
        for file in (self._out, self._err):
            file.seek(0)
            texts.append(file.read())
            file.close()
        return texts[0], texts[1]


def start_worker(env: dict, name: str, *args: str) -> WorkerProcess:
    return WorkerProcess(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--name", name, *args],
        cwd=ROOT,
        env=env,
    )


def stop(process: WorkerProcess, timeout: float = 60) -> tuple[str, str]:
    """Stop the worker (if it is still running) and return its stdout and stderr.

    The timeout is generous: a worker finishes its round before it stops, and on a loaded
    machine (2 cores, the suite and other work) that took over 20 s once.
    """
    try:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
    finally:
        out, err = process.output()
    return out, err


def stats(stderr: str) -> dict:
    """The counts a worker logs as it stops."""
    for line in stderr.splitlines():
        if '"worker stopped"' in line:
            return json.loads(line)
    return {}


def wait_until(condition: Callable[[], bool], timeout: float, every: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def many_messages(session, count: int, first_number: int = 10_000) -> list[str]:
    """``count`` queued texts, each to its own tenant, each body unique; returns the bodies."""
    now = utcnow()
    people = [
        {
            "given_name": "Load",
            "family_name": f"Tenant {n}",
            "mobile": f"+4477009{first_number + n:05d}",
            "preferred_language": "en",
            "preferred_channel": "sms",
            "vulnerabilities": [],
            "needs_interpreter": False,
            "consent_sms": True,
            "consent_whatsapp": False,
        }
        for n in range(count)
    ]
    ids = session.scalars(insert(Person).returning(Person.id), people).all()
    bodies = [
        render(
            "completed",
            "en",
            {"landlord": "Trent Vale Homes", "reference": f"LOAD-{n:05d}"},
            ROOT / "translations",
        )
        for n in range(count)
    ]
    session.execute(
        insert(OutboundMessage),
        [
            {
                "person_id": person_id,
                "channel": "sms",
                "to": person["mobile"],
                "body": body,
                "purpose": "completed",
                "priority": 2,
                "status": "queued",
                "attempts": 0,
                "outcome_unknown": False,
                "next_attempt_at": now,
                "created_at": now,
            }
            for person_id, person, body in zip(ids, people, bodies, strict=True)
        ],
    )
    session.commit()
    return bodies
