"""Work the worker does beside sending, handed to it by whoever starts it.

The messaging package knows nothing of what the jobs are (``flask worker`` composes them:
the bot's photos, the nightly re-plan, the recordings' retention). A job is a name, a
callable given the worker's clock, and how often it is due by that clock. Each run has a
thread of its own, and a job never runs twice at once, so a slow download or a minute of
route solving never holds up a text. A run that raises is logged; the job is simply due
again at its next time, and the worker carries on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

log = logging.getLogger("repairs.messaging")
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Clock], object]
    # Between the starts of two runs, by the worker's clock; zero: every round.
    every: timedelta = timedelta(0)


class Jobs:
    """The worker's jobs: which are due, which are running."""

    def __init__(self, jobs: Sequence[Job], clock: Clock) -> None:
        names = [job.name for job in jobs]
        if len(set(names)) != len(names):
            raise ValueError(f"each job needs a name of its own: {names}")
        self._jobs = list(jobs)
        self._clock = clock
        self._next: dict[str, datetime] = {}
        self._threads: dict[str, threading.Thread] = {}

    def start_due(self) -> list[str]:
        """Start each job that is due and not still running; returns their names."""
        now, started = self._clock(), []
        for job in self._jobs:
            if job.name in self.running() or now < self._next.get(job.name, now):
                continue
            self._next[job.name] = now + job.every
            thread = threading.Thread(
                target=self._run, args=(job,), name=f"job {job.name}", daemon=True
            )
            self._threads[job.name] = thread
            thread.start()
            started.append(job.name)
        return started

    def running(self) -> list[str]:
        return [name for name, thread in self._threads.items() if thread.is_alive()]

    def wait(self, timeout: float | None = None) -> list[str]:
        """Wait up to ``timeout`` seconds (None: for ever) for the runs in progress;
        returns the names of those still running."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in list(self._threads.values()):
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            thread.join(left)
        return self.running()

    def _run(self, job: Job) -> None:
        started = time.monotonic()
        try:
            result = job.run(self._clock)
        except Exception:
            log.exception("job failed", extra={"fields": {"job": job.name}})
            return
        seconds = round(time.monotonic() - started, 3)
        fields = {"job": job.name, "seconds": seconds, "result": result}
        log.log(logging.INFO if result else logging.DEBUG, "job done", extra={"fields": fields})
