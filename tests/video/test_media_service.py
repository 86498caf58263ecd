"""The video service with two real aiortc peers in one process: the tenant's camera
reaches staff, staff's voice reaches the tenant, the call is recorded and reported."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import av
import pytest
from sqlalchemy import select

from repairs.models import RepairEvent, VideoCall
from tests.video.peers import Peer, post, run_async, running_service, ticket
from video.app import REGISTRY
from video.synthetic import is_silent

pytestmark = pytest.mark.slow


def _run(coro):
    return run_async(coro)


def test_staff_see_the_tenant_and_the_tenant_hears_staff(on_call, settings, store, session):
    async def scenario():
        async with running_service(settings, store) as (base, _app):
            staff, tenant = Peer("staff"), Peer("tenant")
            assert (await staff.join(base, ticket(settings, on_call.public_id, "staff")))[0] == 200
            token = ticket(settings, on_call.public_id, "tenant", record=True)
            assert (await tenant.join(base, token))[0] == 200
            frames = await staff.frames("video", 20)
            heard = await tenant.frames("audio", 60)
            await asyncio.sleep(1.0)
            status, body = await post(
                f"{base}/hangup", {"ticket": ticket(settings, on_call.public_id, "staff")}
            )
            await staff.close()
            await tenant.close()
            return frames, heard, status, body

    frames, heard, status, body = _run(scenario())
    assert {(f.width, f.height) for f in frames} == {(640, 480)}
    assert any(not is_silent(frame) for frame in heard), "staff's tone never reached the tenant"
    assert (status, body) == (200, {"ended": True})

    session.expire_all()
    call = session.get(VideoCall, on_call.id)
    assert call.status == "ended" and call.end_reason == "staff_ended"
    assert call.connected_at is not None and call.duration_seconds() >= 1
    path = settings.recordings_dir / call.recording_key
    assert call.recording_bytes == path.stat().st_size > 0
    with av.open(str(path)) as recording:
        kinds = {s.type for s in recording.streams}
        decoded = sum(1 for _ in recording.decode(video=0))
    assert kinds == {"video", "audio"}
    assert decoded >= 10
    summary = session.scalar(
        select(RepairEvent).where(
            RepairEvent.repair_id == call.repair_id, RepairEvent.kind == "video_call"
        )
    )
    assert summary.channel == "video"
    assert summary.changes["consent_to_record"] == [None, True]
    assert summary.changes["recording"] == [None, call.recording_key]
    assert summary.changes["duration_seconds"][1] >= 1


def test_without_consent_nothing_is_recorded(on_call, settings, store, session):
    async def scenario():
        async with running_service(settings, store) as (base, app):
            staff, tenant = Peer("staff"), Peer("tenant")
            await tenant.join(base, ticket(settings, on_call.public_id, "tenant", record=False))
            await staff.join(base, ticket(settings, on_call.public_id, "staff"))
            await staff.frames("video", 5)
            await post(f"{base}/hangup", {"ticket": ticket(settings, on_call.public_id, "staff")})
            await staff.close()
            await tenant.close()

    _run(scenario())
    session.expire_all()
    call = session.get(VideoCall, on_call.id)
    assert call.status == "ended" and call.recording_key is None
    assert not (settings.recordings_dir / "calls").exists()


def test_a_forged_or_stale_ticket_is_refused(on_call, settings, store):
    async def scenario():
        async with running_service(settings, store) as (base, app):
            forged = replace(settings, ticket_secret="x" * 40)
            tenant = Peer("tenant")
            refused = await tenant.join(base, ticket(forged, on_call.public_id, "tenant"))
            bad_body = await post(f"{base}/offer", {"ticket": 5})
            not_offer = await post(
                f"{base}/offer",
                {
                    "ticket": ticket(settings, on_call.public_id, "staff"),
                    "sdp": "x",
                    "type": "answer",
                },
            )
            garbage = await post(
                f"{base}/offer",
                {
                    "ticket": ticket(settings, on_call.public_id, "staff"),
                    "sdp": "v=0 nonsense",
                    "type": "offer",
                },
            )
            await tenant.close()
            return refused, bad_body, not_offer, garbage, len(app[REGISTRY].calls)

    refused, bad_body, not_offer, garbage, calls = _run(scenario())
    assert refused[0] == 403 and refused[1]["code"] == "bad_ticket"
    assert bad_body[0] == 403
    assert not_offer[0] == 400 and not_offer[1]["code"] == "bad_request"
    assert garbage[0] == 400
    assert calls == 0


def test_an_ended_call_cannot_be_joined_again(on_call, settings, store, session):
    call = session.get(VideoCall, on_call.id)
    call.status = "ended"
    session.commit()

    async def scenario():
        async with running_service(settings, store) as (base, _app):
            tenant = Peer("tenant")
            answer = await tenant.join(base, ticket(settings, on_call.public_id, "tenant"))
            await tenant.close()
            return answer

    status, body = _run(scenario())
    assert (status, body["code"]) == (409, "call_over")
