"""The video service's limits: calls per node, call length, connect timeout, shutdown,
a failed peer, and the call id on every log line."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest

from repairs.models import VideoCall
from tests.video.peers import Peer, post, run_async, running_service, ticket
from video.app import REGISTRY
from video.logs import CallIdFilter

pytestmark = pytest.mark.slow


def _run(coro):
    return run_async(coro)


async def _until(condition, timeout: float = 20.0) -> None:
    for _ in range(int(timeout * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not met in time")


@pytest.fixture
def two_calls(factories, session):
    tenant, tenancy = factories.create_tenant()
    staff = factories.create_staff()
    calls = [
        factories.create_video_call(
            factories.create_repair(tenancy.home, reported_by_id=tenant.id), staff
        )
        for _ in range(2)
    ]
    session.commit()
    return calls


def test_a_node_refuses_one_call_too_many_politely_but_lets_people_rejoin(
    two_calls, settings, store
):
    first, second = two_calls

    async def scenario():
        async with running_service(replace(settings, max_calls=1), store) as (base, app):
            staff = Peer("staff")
            assert (await staff.join(base, ticket(settings, first.public_id, "staff")))[0] == 200
            other = Peer("staff")
            refused = await other.join(base, ticket(settings, second.public_id, "staff"))
            tenant = Peer("tenant")
            same_call = await tenant.join(base, ticket(settings, first.public_id, "tenant"))
            for peer in (staff, other, tenant):
                await peer.close()
            return refused, same_call

    (status, body), (same_status, _) = _run(scenario())
    assert (status, body["code"]) == (503, "busy")
    assert same_status == 200


def test_a_call_ends_at_its_maximum_length(two_calls, settings, store, session):
    call = two_calls[0]

    async def scenario():
        async with running_service(replace(settings, max_call_seconds=3), store) as (base, app):
            staff, tenant = Peer("staff"), Peer("tenant")
            await staff.join(base, ticket(settings, call.public_id, "staff"))
            await tenant.join(base, ticket(settings, call.public_id, "tenant", record=True))
            await staff.frames("video", 3)
            registry = app[REGISTRY]
            await _until(lambda: not registry.calls)
            closed = staff.pc.connectionState, tenant.pc.connectionState
            await staff.close()
            await tenant.close()
            return registry.peer_count, closed

    peers, _ = _run(scenario())
    assert peers == 0
    session.expire_all()
    ended = session.get(VideoCall, call.id)
    assert (ended.status, ended.end_reason) == ("ended", "time_limit")
    assert ended.recording_key is not None


def test_a_peer_that_never_connects_is_closed_and_the_call_forgotten(
    two_calls, settings, store, session
):
    call = two_calls[0]

    async def scenario():
        async with running_service(replace(settings, connect_seconds=1), store) as (base, app):
            silent = Peer("staff")
            await silent.pc.setLocalDescription(await silent.pc.createOffer())
            offer = silent.pc.localDescription
            token = ticket(settings, call.public_id, "staff")
            status, _ = await post(
                f"{base}/offer", {"ticket": token, "sdp": offer.sdp, "type": "offer"}
            )
            registry = app[REGISTRY]
            opened = len(registry.calls)
            await _until(lambda: not registry.calls, 10)
            await silent.close()
            return status, opened

    status, opened = _run(scenario())
    assert (status, opened) == (200, 1)
    session.expire_all()
    assert session.get(VideoCall, call.id).status == "joined"  # nothing to end: never live


def test_shutting_down_closes_every_connection_and_ends_live_calls(
    two_calls, settings, store, session
):
    call = two_calls[0]

    async def scenario():
        async with running_service(settings, store) as (base, app):
            staff, tenant = Peer("staff"), Peer("tenant")
            await staff.join(base, ticket(settings, call.public_id, "staff"))
            await tenant.join(base, ticket(settings, call.public_id, "tenant"))
            await staff.frames("video", 3)
            await _until(lambda: app[REGISTRY].calls[call.public_id].tenant_connected)
            pcs = list(app[REGISTRY].calls[call.public_id].peers.values())
        states = [pc.connectionState for pc in pcs]
        await staff.close()
        await tenant.close()
        return states

    assert _run(scenario()) == ["closed", "closed"]
    session.expire_all()
    ended = session.get(VideoCall, call.id)
    assert (ended.status, ended.end_reason) == ("ended", "shutdown")


def test_a_tenant_who_drops_out_leaves_staff_waiting_and_every_line_names_the_call(
    two_calls, settings, store
):
    call = two_calls[0]
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(CallIdFilter())
    logger = logging.getLogger("video")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    async def scenario():
        async with running_service(settings, store) as (base, app):
            staff, tenant = Peer("staff"), Peer("tenant")
            await staff.join(base, ticket(settings, call.public_id, "staff"))
            await tenant.join(base, ticket(settings, call.public_id, "tenant"))
            await staff.frames("video", 3)
            await tenant.close()
            peers = app[REGISTRY].calls[call.public_id].peers
            await _until(lambda: "tenant" not in peers)
            left = set(peers)
            await staff.close()
            return left

    try:
        assert _run(scenario()) == {"staff"}
    finally:
        logger.removeHandler(handler)
    lines = [r for r in records if r.name.startswith("video.")]
    assert len(lines) >= 5
    assert {r.call_id for r in lines} == {call.public_id}


def test_a_tenant_alone_who_leaves_ends_the_call(two_calls, settings, store, session):
    call = two_calls[0]

    async def scenario():
        async with running_service(replace(settings, connect_seconds=1), store) as (base, app):
            tenant = Peer("tenant")
            await tenant.join(base, ticket(settings, call.public_id, "tenant", record=True))
            registry = app[REGISTRY]
            await _until(lambda: registry.calls[call.public_id].tenant_connected)
            await asyncio.sleep(1)
            await tenant.close()
            await _until(lambda: not registry.calls, 15)

    _run(scenario())
    session.expire_all()
    ended = session.get(VideoCall, call.id)
    assert (ended.status, ended.end_reason) == ("ended", "tenant_left")
