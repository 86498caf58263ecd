"""The real worker as ``flask worker`` builds it (its jobs included) over the test
database, with a clock the test moves, and a way to run its loop in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest

from portal.worker_cli import build_worker
from repairs.messaging.worker import Worker


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def app_worker(app) -> Iterator[Callable[[Clock], Worker]]:
    """``app_worker(clock)``: the worker of ``flask worker``, from the app's configuration
    as it is then (set ``app.config`` first)."""
    made = []

    def build(clock: Clock) -> Worker:
        with app.app_context():
            worker = build_worker(app, name="test-worker", clock=clock)
        made.append(worker)
        return worker

    yield build
    for worker in made:
        worker.close()
        assert worker.jobs.wait(60) == [], "a job was still running at the end of the test"


@contextmanager
def looping(worker: Worker) -> Iterator[None]:
    """The worker's own loop (``Worker.run``) in a thread, stopped on leaving."""
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), name="worker loop")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(60)


def until(condition: Callable[[], object], timeout: float = 30, every: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())
