"""Faults survived by real worker processes: the provider failing or timing out for a
while, a worker killed mid-batch, and four workers at once. Every message is sent exactly
once. Several workers at once need PostgreSQL (SKIP LOCKED); the rest runs on both."""

from __future__ import annotations

import signal
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from repairs.models import OutboundMessage
from tests.fakes.twilio_api import FakeTwilio
from tests.messaging.processes import (
    many_messages,
    start_worker,
    stats,
    stop,
    wait_until,
    worker_env,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def fake():
    with FakeTwilio() as running:
        running.slow(1.0)
        yield running


def _statuses(session) -> Counter:
    session.commit()  # a fresh snapshot: the workers write from other processes
    rows = session.execute(select(OutboundMessage.status, func.count()).group_by("status"))
    return Counter(dict(rows.all()))


def _all_sent(session, count: int) -> bool:
    return _statuses(session).get("sent", 0) == count


def _assert_each_sent_once(session, fake: FakeTwilio, bodies: list[str]) -> None:
    created = Counter(m["body"] for m in fake.created())
    doubled = {body: n for body, n in created.items() if n > 1}
    assert not doubled, f"{len(doubled)} messages sent more than once"
    assert set(created) == set(bodies), "a message was lost"
    sids = {m["body"]: m["sid"] for m in fake.created()}
    session.commit()
    for body, provider_id in session.execute(
        select(OutboundMessage.body, OutboundMessage.provider_id)
    ):
        assert sids[body] == provider_id


def _is_postgres(database_url: str) -> bool:
    return database_url.startswith("postgresql")


def test_the_provider_failing_then_recovering_loses_and_doubles_nothing(
    database_url, session, fake, signed_post
):
    bodies = many_messages(session, 120)
    # An outage, then a ragged recovery: errors, throttling, and timeouts, some of which
    # the provider had in fact acted on.
    fake.fail_until(time.monotonic() + 2.0, "500")
    for mode, count in (("500", 15), ("slow_create", 10), ("429", 5), ("timeout", 10)):
        fake.fail_next(count, mode)
    env = worker_env(database_url, fake)
    workers = [start_worker(env, f"w{n}") for n in range(2 if _is_postgres(database_url) else 1)]
    try:
        assert wait_until(lambda: _all_sent(session, len(bodies)), timeout=120), _statuses(session)
    finally:
        logs = [stop(w)[1] for w in workers]
    _assert_each_sent_once(session, fake, bodies)
    retried = sum(stats(log).get("retry", 0) for log in logs)
    assert retried >= 30, "the failures were not met"
    # Twilio then reports each one delivered.
    for url, params in fake.take_callbacks():
        assert signed_post(url, params).status_code == 204
    assert _statuses(session) == Counter({"delivered": len(bodies)})


def test_a_worker_killed_mid_batch_has_its_messages_sent_by_another_once(
    database_url, session, fake
):
    bodies = many_messages(session, 150, first_number=20_000)
    fake.delay_every_request(0.05)  # a batch takes a while: there is a middle to die in
    env = worker_env(database_url, fake, WORKER_CONCURRENCY="2")
    doomed = start_worker(env, "doomed")
    try:
        assert wait_until(lambda: len(fake.created()) >= 10, timeout=60, every=0.02)
        doomed.send_signal(signal.SIGKILL)
    finally:
        stop(doomed, timeout=10)
    session.commit()
    stranded = session.scalar(
        select(func.count())
        .select_from(OutboundMessage)
        .where(OutboundMessage.claimed_by == "doomed", OutboundMessage.status == "sending")
    )
    assert stranded > 0, "the worker was not killed mid-batch"
    recorded_before = _statuses(session).get("sent", 0)
    sent_unrecorded = len(fake.created()) - recorded_before
    rescuer = start_worker(env, "rescuer")
    try:
        assert wait_until(lambda: _all_sent(session, len(bodies)), timeout=120), _statuses(session)
    finally:
        _out, log = stop(rescuer)
    _assert_each_sent_once(session, fake, bodies)
    # The rescuer recorded everything the dead worker had not; what it had sent without
    # recording was found at the provider (one lookup per stranded message), not resent.
    assert stats(log)["accepted"] == len(bodies) - recorded_before
    assert sent_unrecorded > 0
    lookups = [r for r in fake.state.requests if r.method == "GET"]
    assert len(lookups) >= stranded


def test_four_workers_send_two_thousand_messages_exactly_once(database_url, session, fake):
    if not _is_postgres(database_url):
        pytest.skip("several workers at once need PostgreSQL (FOR UPDATE SKIP LOCKED)")
    bodies = many_messages(session, 2000, first_number=30_000)
    fake.fail_next(40, "500")
    fake.fail_next(20, "slow_create")
    env = worker_env(database_url, fake, WORKER_BATCH_SIZE="25")
    workers = [start_worker(env, f"w{n}") for n in range(4)]
    try:
        assert wait_until(lambda: _all_sent(session, len(bodies)), timeout=300), _statuses(session)
    finally:
        logs = [stop(w)[1] for w in workers]
    _assert_each_sent_once(session, fake, bodies)
    shares = [stats(log).get("accepted", 0) for log in logs]
    assert sum(1 for share in shares if share) >= 2, f"the work was not shared: {shares}"
