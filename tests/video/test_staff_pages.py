"""Staff start a call from a repair: the link goes out through the outbox, the call page
joins, stills attach to the repair, the outcome goes through override_triage."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from repairs.models import OutboundMessage, Repair, RepairEvent, VideoCall, WorkItem

PASSWORD = "a long pass phrase"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def agent(factories, session):
    staff = factories.create_staff(role="agent", password=PASSWORD)
    session.commit()
    return staff


@pytest.fixture
def repair(factories, session):
    tenant, tenancy = factories.create_tenant(given_name="Zainab", family_name="Rahman")
    repair = factories.create_repair(
        tenancy.home,
        status="awaiting_appointment",
        reported_by_id=tenant.id,
        problem="kitchen_tap_dripping",
        description="The kitchen tap drips all night",
    )
    session.commit()
    return repair


@pytest.fixture
def signed_in(client_request, agent):
    client_request.post_form("/staff/sign-in", {"email": agent.email, "password": PASSWORD})
    return client_request


def _send_link(signed_in, repair) -> str:
    response = signed_in.post_form(
        f"/staff/video/repairs/{repair.reference}/calls",
        {},
        form_url=f"/staff/video/repairs/{repair.reference}",
    )
    return response.headers["Location"]


def test_the_start_page_shows_the_repair_and_the_rules_suggestion(signed_in, repair):
    html = signed_in.get(f"/staff/video/repairs/{repair.reference}")
    assert "The kitchen tap drips all night" in html
    assert "Zainab Rahman" in html
    assert "Text the tenant a video call link" in html
    assert "The triage rules suggest a video call would help" in html


def test_no_suggestion_where_the_rules_see_no_help_in_video(signed_in, repair, session):
    repair.problem = "structure_collapse"
    session.commit()
    html = signed_in.get(f"/staff/video/repairs/{repair.reference}")
    assert "The triage rules suggest" not in html


def test_sending_the_link_texts_the_tenant_a_single_use_link(signed_in, repair, session):
    location = _send_link(signed_in, repair)
    call = session.scalar(select(VideoCall).where(VideoCall.repair_id == repair.id))
    assert location.endswith(f"/staff/video/calls/{call.public_id}")
    message = session.scalar(
        select(OutboundMessage).where(OutboundMessage.purpose == "video_call_link")
    )
    assert message.repair_id == repair.id
    link = re.search(r"http://\S+/video/join/\S+", message.body).group(0)
    assert repair.reference in message.body and "30 minutes" in message.body
    kinds = [
        e.kind
        for e in session.scalars(select(RepairEvent).where(RepairEvent.repair_id == repair.id))
    ]
    assert kinds == ["video_call_invited"]
    html = signed_in.get(location)
    assert "Link sent" in html and "Waiting for the tenant" in html
    assert link.startswith("http://127.0.0.1:5000/video/join/")


def test_sending_again_replaces_the_link(signed_in, repair, session, client):
    _send_link(signed_in, repair)
    _send_link(signed_in, repair)
    bodies = session.scalars(select(OutboundMessage.body).order_by(OutboundMessage.id)).all()
    first, second = (re.search(r"/video/join/\S+", body).group(0) for body in bodies)
    assert session.scalar(select(VideoCall.link_version)) == 2
    other = client.application.test_client()
    assert other.get(first).status_code == 410
    assert other.get(second).status_code == 200


def test_a_tenant_who_cannot_be_texted_is_explained_and_nothing_is_kept(signed_in, repair, session):
    repair.reported_by.mobile = None
    session.commit()
    response = signed_in.post_form(
        f"/staff/video/repairs/{repair.reference}/calls",
        {},
        status=409,
        form_url=f"/staff/video/repairs/{repair.reference}",
    )
    assert "We cannot text this tenant" in response.get_data(as_text=True)
    assert session.scalar(select(VideoCall)) is None


def test_staff_in_the_call_take_a_still_that_joins_the_repair_photos(
    signed_in, repair, factories, agent, session
):
    call = factories.create_video_call(repair, agent, status="live")
    session.commit()
    token = signed_in.csrf_token(f"/staff/video/calls/{call.public_id}")
    response = signed_in.client.post(
        f"/staff/video/calls/{call.public_id}/stills",
        data=jpeg(),
        headers={"X-CSRFToken": token, "Content-Type": "image/jpeg"},
    )
    assert response.status_code == 201
    key = response.get_json()["key"]
    session.expire_all()
    assert session.get(Repair, repair.id).photos == [key]
    assert session.get(VideoCall, call.id).stills == [key]
    image = signed_in.client.get(response.get_json()["url"])
    assert image.status_code == 200 and image.mimetype == "image/jpeg"
    image.close()
    refused = signed_in.client.post(
        f"/staff/video/calls/{call.public_id}/stills",
        data=b"<script>",
        headers={"X-CSRFToken": token},
    )
    assert refused.status_code == 400 and refused.mimetype == "application/problem+json"


def test_a_still_without_the_csrf_token_is_refused(signed_in, repair, factories, agent, session):
    call = factories.create_video_call(repair, agent, status="live")
    session.commit()
    response = signed_in.client.post(f"/staff/video/calls/{call.public_id}/stills", data=jpeg())
    assert response.status_code == 400
    session.expire_all()
    assert session.get(Repair, repair.id).photos == []


def test_the_outcome_goes_through_override_triage_and_clears_the_queue(
    signed_in, repair, factories, agent, session
):
    call = factories.create_video_call(repair, agent, status="ended")
    session.add(
        WorkItem(
            kind="video_triage",
            status="assigned",
            repair_id=repair.id,
            channel="web",
            requested_by="tenant",
        )
    )
    session.commit()
    page = f"/staff/video/calls/{call.public_id}"
    signed_in.post_form(
        f"{page}/outcome",
        {
            "problem": "kitchen_tap_dripping",
            "priority": "urgent",
            "trade": "plumber",
            "reason": "Water pooling under the sink, seen on the call",
        },
        form_url=page,
    )
    session.expire_all()
    changed = session.get(Repair, repair.id)
    assert changed.priority == "urgent"
    event = session.scalar(select(RepairEvent).where(RepairEvent.kind == "triage_overridden"))
    assert event.channel == "video" and event.note.startswith("Water pooling")
    assert event.changes["priority"][0] == "routine"
    assert session.scalar(select(WorkItem.status)) == "done"
    assert session.get(VideoCall, call.id).outcome_at is not None


def test_an_outcome_without_a_reason_is_a_form_error(signed_in, repair, factories, agent, session):
    call = factories.create_video_call(repair, agent, status="ended")
    session.commit()
    page = f"/staff/video/calls/{call.public_id}"
    response = signed_in.post_form(
        f"{page}/outcome",
        {"problem": "kitchen_tap_dripping", "priority": "urgent", "trade": "plumber", "reason": ""},
        status=400,
        form_url=page,
    )
    assert "Say what you saw on the call" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(Repair, repair.id).priority == "routine"


def test_tenants_and_strangers_cannot_reach_the_staff_pages(client, repair):
    response = client.get(f"/staff/video/repairs/{repair.reference}")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_an_unknown_repair_or_call_is_not_found(signed_in):
    signed_in.get("/staff/video/repairs/ZZZZZZ", status=404)
    signed_in.get("/staff/video/calls/nope", status=404)


def test_a_repair_no_rule_triaged_makes_staff_choose_the_problem(
    signed_in, repair, factories, agent, session
):
    repair.problem = None  # as the seeded history's repairs are
    call = factories.create_video_call(repair, agent, status="ended")
    session.commit()
    page = f"/staff/video/calls/{call.public_id}"
    html = signed_in.get(page)
    assert '<option value="" selected>Choose the problem you saw</option>' in html
    assert '<span id="call-status">Ended</span>' in html
    response = signed_in.post_form(
        f"{page}/outcome",
        {"problem": "", "priority": "routine", "trade": "", "reason": "Seen"},
        status=400,
        form_url=page,
    )
    assert "Choose the problem you saw" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(Repair, repair.id).problem is None
    signed_in.post_form(
        f"{page}/outcome",
        {"problem": "kitchen_tap_dripping", "priority": "routine", "trade": "", "reason": "Seen"},
        form_url=page,
    )
    session.expire_all()
    assert session.get(Repair, repair.id).problem == "kitchen_tap_dripping"
    start = signed_in.get(f"/staff/video/repairs/{repair.reference}")
    assert f'href="/staff/video/calls/{call.public_id}"' in start
