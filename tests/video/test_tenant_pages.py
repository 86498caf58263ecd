"""The tenant's side: the texted link works once and only in time, asks about
recording, binds the call to this browser, and offers photos or a video instead."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import av
import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from repairs.models import Repair, RepairEvent, VideoCall
from repairs.services.video.tickets import read_ticket, sign_link


@pytest.fixture
def invited(factories, session):
    tenant, tenancy = factories.create_tenant()
    repair = factories.create_repair(tenancy.home, reported_by_id=tenant.id)
    staff = factories.create_staff()
    staff.name = "Sam Agent"
    call = factories.create_video_call(repair, staff, status="invited")
    session.commit()
    return call


def link_for(app, call, version=None) -> str:
    secret = app.config["VIDEO_LINK_SECRET"]
    return f"/video/join/{sign_link(secret, call.public_id, version or call.link_version)}"


def join(client_request, app, call, consent="yes"):
    url = link_for(app, call)
    return client_request.post_form(url, {"consent": consent})


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (10, 200, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def video_bytes(seconds: float = 1.0, location: bool = True) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        if location:
            out.metadata["location"] = "+52.9548-001.1581/"
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for n in range(int(seconds * 10)):
            frame = av.VideoFrame(64, 48, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([n * 20 % 255]) * plane.buffer_size)
            frame.pts = n
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def test_opening_the_link_asks_about_recording_and_uses_nothing_up(
    client_request, app, invited, session
):
    html = client_request.get(link_for(app, invited))
    assert "Can we record the call?" in html and "Sam Agent" in html
    client_request.get(link_for(app, invited))
    session.expire_all()
    assert session.get(VideoCall, invited.id).link_used_at is None


def test_answering_uses_the_link_and_records_consent(client_request, app, invited, session):
    response = join(client_request, app, invited, consent="no")
    assert response.headers["Location"].endswith("/video/call")
    session.expire_all()
    call = session.get(VideoCall, invited.id)
    assert (call.status, call.consent_to_record) == ("joined", False)
    event = session.scalar(select(RepairEvent).where(RepairEvent.kind == "video_call_joined"))
    assert (event.actor_kind, event.channel) == ("tenant", "video")
    assert event.changes == {"consent_to_record": [None, False]}
    assert "Start the video call" in client_request.get("/video/call")
    ticket = client_request.client.post(
        "/video/call/ticket", headers={"X-CSRFToken": client_request.csrf_token("/video/call")}
    ).get_json()
    read = read_ticket(app.config["VIDEO_TICKET_SECRET"], ticket["ticket"], 60)
    assert (read.call_id, read.role, read.record) == (invited.public_id, "tenant", False)
    assert ticket["offer_url"] == app.config["VIDEO_SERVICE_URL"] + "/offer"


def test_a_used_link_cannot_be_used_again_elsewhere(client_request, app, invited):
    join(client_request, app, invited)
    stranger = app.test_client()
    response = stranger.get(link_for(app, invited))
    assert response.status_code == 410
    assert "This link has already been used" in response.get_data(as_text=True)
    assert stranger.get("/video/call").status_code == 404


def test_an_expired_or_forged_link_is_refused(client, app, invited, session):
    invited.link_expires_at = datetime.now(UTC) - timedelta(seconds=1)
    session.commit()
    expired = client.get(link_for(app, invited))
    assert expired.status_code == 410 and "This link has expired" in expired.get_data(as_text=True)
    forged = client.get(f"/video/join/{invited.public_id}.1.bm90LWEtc2lnbmF0dXJl")
    assert forged.status_code == 404
    assert client.get("/video/join/" + "x" * 300).status_code == 404


def test_consent_must_be_answered(client_request, app, invited, session):
    response = client_request.post_form(link_for(app, invited), {}, status=400)
    assert "Select yes if you agree to us recording the call" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(VideoCall, invited.id).link_used_at is None


def test_photos_sent_instead_join_the_repair(client_request, app, invited, session):
    join(client_request, app, invited)
    token = client_request.csrf_token("/video/call")
    response = client_request.client.post(
        "/video/call/upload",
        data={"csrf_token": token, "files": [(io.BytesIO(photo_bytes()), "damp.png")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    session.expire_all()
    repair = session.get(Repair, invited.repair_id)
    assert len(repair.photos) == 1 and repair.photos[0].endswith(".jpg")
    assert session.get(VideoCall, invited.id).uploads == repair.photos


def test_a_short_video_is_kept_without_its_location(
    client_request, app, invited, session, tmp_path, monkeypatch
):
    monkeypatch.setitem(app.extensions, "repairs_policy", None)
    monkeypatch.setitem(app.config, "VIDEO_RECORDINGS_DIR", str(tmp_path))
    join(client_request, app, invited)
    token = client_request.csrf_token("/video/call")
    response = client_request.client.post(
        "/video/call/upload",
        data={"csrf_token": token, "files": [(io.BytesIO(video_bytes()), "leak.mp4")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    session.expire_all()
    (key,) = session.get(VideoCall, invited.id).uploads
    with av.open(str(tmp_path / key)) as kept:
        assert "location" not in kept.metadata
        assert sum(1 for _ in kept.decode(video=0)) == 10


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"#!/bin/sh\nrm -rf /", "must be a photo or a video"),
        (b"", "Select a photo or a video"),
    ],
)
def test_anything_else_is_refused_and_nothing_kept(
    client_request, app, invited, session, content, message
):
    join(client_request, app, invited)
    token = client_request.csrf_token("/video/call")
    files = [(io.BytesIO(content), "x.mp4")] if content else []
    response = client_request.client.post(
        "/video/call/upload",
        data={"csrf_token": token, "files": files},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(VideoCall, invited.id).uploads == []


def test_a_long_video_is_refused(client_request, app, invited, monkeypatch, tmp_path):
    monkeypatch.setitem(app.extensions, "repairs_policy", None)
    monkeypatch.setitem(app.config, "VIDEO_UPLOAD_MAX_SECONDS", 2)
    monkeypatch.setitem(app.config, "VIDEO_RECORDINGS_DIR", str(tmp_path))
    join(client_request, app, invited)
    token = client_request.csrf_token("/video/call")
    response = client_request.client.post(
        "/video/call/upload",
        data={"csrf_token": token, "files": [(io.BytesIO(video_bytes(3)), "long.mp4")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "2 seconds or shorter" in response.get_data(as_text=True)
    assert not any(tmp_path.rglob("*.mp4"))


def test_a_video_may_be_larger_than_other_uploads_but_not_without_limit(
    client_request, app, invited, monkeypatch
):
    monkeypatch.setitem(app.config, "VIDEO_UPLOAD_MAX_MB", 14)
    join(client_request, app, invited)
    token = client_request.csrf_token("/video/call")

    def send(size_mb: int):
        # Encoded in memory: the test client would spool a body this large to a temporary
        # file that nobody closes.
        junk = FileStorage(io.BytesIO(b"\x00" * (size_mb * 1_048_576)), "big.mp4")
        boundary, body = encode_multipart({"csrf_token": token, "files": junk})
        return client_request.client.post(
            "/video/call/upload",
            input_stream=io.BytesIO(body),
            content_type=f"multipart/form-data; boundary={boundary}",
            content_length=len(body),
        )

    checked = send(13)  # over the app's 12 MB, within the video limit: read and refused
    assert checked.status_code == 400
    assert "must be a photo or a video" in checked.get_data(as_text=True)
    too_big = client_request.client.post(
        "/video/call/upload",
        input_stream=io.BytesIO(b"\x00" * (15 * 1_048_576)),
        content_type="multipart/form-data; boundary=x",
        content_length=15 * 1_048_576,
    )
    assert too_big.status_code == 413
