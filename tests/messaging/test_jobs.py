"""The worker's other jobs: each in a thread of its own, never twice at once, due by the
worker's clock; one that fails is logged and tried again, and sending never waits."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest

from repairs.messaging.jobs import Job, Jobs
from tests.messaging.conftest import reload
from tests.worker_fixtures import looping, until


def test_a_slow_job_never_holds_up_sending_nor_runs_twice_at_once(
    make_worker, queue, tenant, session
):
    release, starts = threading.Event(), []

    def slow(_clock) -> None:
        starts.append(1)
        release.wait(30)

    worker = make_worker(poll_seconds=0.02, jobs=[Job("slow", slow)])  # due every round
    with looping(worker):
        assert until(lambda: worker.jobs.running() == ["slow"])
        message = queue(tenant, "completed")
        assert until(lambda: reload(session, message).status == "delivered")
        assert worker.jobs.running() == ["slow"] and len(starts) == 1
        release.set()
        assert until(lambda: len(starts) >= 2)  # once it ended, the next round ran it again


def test_a_job_that_fails_is_logged_and_tried_again_and_the_worker_carries_on(
    make_worker, queue, tenant, session, caplog
):
    calls = []

    def broken(_clock) -> None:
        calls.append(1)
        raise RuntimeError("the photo store is away")

    worker = make_worker(poll_seconds=0.02, jobs=[Job("broken", broken)])
    with caplog.at_level(logging.ERROR, logger="repairs.messaging"), looping(worker):
        assert until(lambda: len(calls) >= 3)
        message = queue(tenant, "completed")
        assert until(lambda: reload(session, message).status == "delivered")
    failures = [r for r in caplog.records if r.getMessage() == "job failed"]
    assert failures and failures[0].fields == {"job": "broken"}
    assert "the photo store is away" in caplog.text


def test_jobs_are_due_by_the_workers_clock_and_given_it(clock):
    seen = []
    jobs = Jobs([Job("daily", lambda c: seen.append(c()), timedelta(days=1))], clock)
    assert jobs.start_due() == ["daily"]
    assert jobs.wait(10) == []
    clock.advance(hours=23, minutes=59)
    assert jobs.start_due() == []
    clock.advance(minutes=1)
    assert jobs.start_due() == ["daily"]
    jobs.wait(10)
    assert seen == [clock.now - timedelta(days=1), clock.now]


def test_two_jobs_of_one_name_are_refused(clock):
    with pytest.raises(ValueError, match="a name of its own"):
        Jobs([Job("photos", print), Job("photos", print)], clock)
