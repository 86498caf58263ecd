"""Raising a repair on a tenant's behalf: the tenant's own journey in the staff layout,
recorded with the agent and the channel the tenant used, then straight on to booking;
the tenant gets the same messages as if they had reported it themselves."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from repairs.models import Appointment, OutboundMessage, Repair, RepairEvent, WorkItem
from tests.conftest import ClientRequest
from tests.html import visible_text
from tests.staff.conftest import sign_in
from tests.tenant_fixtures import radio_values

BASE = "/staff/households/TV-000001/report"


def step(client_request, url: str, data: dict, expect: str | None = None) -> str:
    location = client_request.post_form(url, data).headers["Location"]
    if expect is not None:
        assert urlsplit(location).path.endswith(expect), (url, location)
    return location


def _repair(session, reference: str) -> Repair:
    session.expire_all()
    return session.scalar(select(Repair).where(Repair.reference == reference))


def _reference(location: str) -> str:
    return re.search(r"/repairs/([A-Z0-9-]+)", location).group(1)


def _by_tree(client_request, channel="phone", base=BASE) -> str:
    step(client_request, base, {"emergencies": "none", "channel": channel}, f"{base}/where")
    step(client_request, f"{base}/where", {"where": "kitchen"}, f"{base}/what")
    step(client_request, f"{base}/what", {"what": "kitchen_sink"}, f"{base}/which")
    step(client_request, f"{base}/which", {"which": "kitchen_sink_blocked"}, f"{base}/details")
    # No photos step for staff: the details lead straight to the check.
    step(client_request, f"{base}/details", {"description": "Slow since Monday"}, f"{base}/check")
    return step(client_request, f"{base}/check", {})


def test_an_agent_raises_a_repair_for_the_household_and_books_it(
    client_request, session, signed_in, demo_tenant, operatives
):
    agent = signed_in("agent")
    person, _ = demo_tenant
    household = client_request.get("/staff/households/TV-000001")
    assert f'href="{BASE}"' in household and "Report a repair for this household" in household
    step(client_request, BASE, {"emergencies": "none", "channel": "visit"}, f"{BASE}/where")
    step(client_request, f"{BASE}/where", {"where": "kitchen"})
    step(client_request, f"{BASE}/what", {"what": "kitchen_sink"})
    step(client_request, f"{BASE}/which", {"which": "kitchen_sink_blocked"})
    step(client_request, f"{BASE}/details", {"description": "Slow since Monday"}, f"{BASE}/check")
    check = visible_text(client_request.get(f"{BASE}/check"))
    assert "How the tenant is in touch Visit to the office" in check
    assert "Sink is blocked or slow to drain" in check and "Photos" not in check
    assert "For Zainab Rahman" in check and "Read the answers back to the tenant" in check
    location = step(client_request, f"{BASE}/check", {})

    # Straight on to booking, with the channel already chosen.
    reference = _reference(location)
    assert urlsplit(location).path == f"/staff/repairs/{reference}/appointment"
    assert parse_qs(urlsplit(location).query)["channel"] == ["visit"]
    repair = _repair(session, reference)
    assert (repair.problem, repair.status) == ("kitchen_sink_blocked", "awaiting_appointment")
    assert (repair.channel, repair.raised_by_id, repair.reported_by_id) == (
        "visit",
        agent.id,
        person.id,
    )
    events = session.scalars(select(RepairEvent).where(RepairEvent.repair_id == repair.id)).all()
    assert events and {(e.actor_kind, e.actor_id, e.channel) for e in events} == {
        ("staff", agent.id, "visit")
    }
    booking = client_request.get(location)
    assert "Book a time while they are in touch" in booking
    assert re.search(r'id="channel-2" name="channel" type="radio" value="visit" checked', booking)

    slot = radio_values(booking, "slot")[0]
    key = re.search(r'name="idempotency_key" type="hidden" value="([0-9a-f]+)"', booking).group(1)
    client_request.post_form(
        f"/staff/repairs/{reference}/appointment",
        {"slot": slot, "idempotency_key": key, "channel": "visit"},
    )
    appointment = session.scalar(select(Appointment).where(Appointment.repair_id == repair.id))
    assert appointment.status == "booked" and appointment.channel == "visit"
    # The tenant hears exactly what they would have, had they reported it themselves.
    messages = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.repair_id == repair.id)
        .order_by(OutboundMessage.id)
    ).all()
    assert [(m.purpose, m.to) for m in messages] == [
        ("repair_received", "+447700900001"),
        ("appointment_booked", "+447700900001"),
    ]
    assert reference in messages[0].body


def test_the_same_messages_as_the_tenants_own_report(
    client_request, session, signed_in, demo_tenant, operatives, app
):
    """The tenant reports one problem themselves, the agent another: the same purposes."""
    from tests.tenant_helpers import sign_in as tenant_sign_in

    person, tenancy = demo_tenant
    tenant = ClientRequest(app.test_client())
    tenant_sign_in(tenant, session, person, tenancy)
    step(tenant, "/report", {"emergencies": "none"})
    step(tenant, "/report/where", {"where": "kitchen"})
    step(tenant, "/report/what", {"what": "kitchen_sink"})
    step(tenant, "/report/which", {"which": "kitchen_sink_blocked"})
    step(tenant, "/report/details", {"description": ""})
    step(tenant, "/report/photos", {"done": "1"})
    own = step(tenant, "/report/check", {}).rsplit("/", 1)[1]
    signed_in("agent")
    step(client_request, BASE, {"emergencies": "none", "channel": "phone"})
    step(client_request, f"{BASE}/where", {"where": "bathroom"})
    groups = radio_values(client_request.get(f"{BASE}/what"), "what")
    step(client_request, f"{BASE}/what", {"what": groups[0]})
    leaf = radio_values(client_request.get(f"{BASE}/which"), "which")[0]
    location = step(client_request, f"{BASE}/which", {"which": leaf})
    while "/question/" in location:
        location = step(client_request, location, {"answer": "Not sure"})
    step(client_request, f"{BASE}/details", {"description": ""})
    ours = _reference(step(client_request, f"{BASE}/check", {}))

    def purposes(reference):
        repair = _repair(session, reference)
        return [
            m.purpose
            for m in session.scalars(
                select(OutboundMessage).where(OutboundMessage.repair_id == repair.id)
            )
        ]

    assert purposes(ours) == purposes(own) == ["repair_received"]
    # Her portal says which one the contact centre raised for her.
    assert "Our contact centre" in visible_text(tenant.get(f"/repairs/{ours}"))
    assert "Our contact centre" not in visible_text(tenant.get(f"/repairs/{own}"))


def test_own_words_and_is_it_one_of_these(client_request, session, signed_in, demo_tenant):
    signed_in("supervisor")
    step(client_request, BASE, {"emergencies": "none", "channel": "letter"})
    step(client_request, f"{BASE}/where", {"where": "describe"}, f"{BASE}/describe")
    location = step(
        client_request, f"{BASE}/describe", {"description": "The kitchen tap drips all day"}
    )
    assert location.endswith(f"{BASE}/one-of-these")
    page = client_request.get(location)
    assert "kitchen_tap_dripping" in radio_values(page, "problem")
    location = step(client_request, location, {"problem": "kitchen_tap_dripping"})
    while "/question/" in location:
        location = step(client_request, location, {"answer": "Not sure"})
    assert location.endswith(f"{BASE}/check")
    reference = _reference(step(client_request, location, {}))
    repair = _repair(session, reference)
    assert (repair.problem, repair.channel) == ("kitchen_tap_dripping", "letter")


def test_an_open_repair_for_the_same_problem_is_offered_back(
    client_request, session, signed_in, demo_tenant
):
    agent = signed_in("agent")
    first = _reference(_by_tree(client_request))
    location = _by_tree(client_request, channel="email")
    assert location.endswith(f"{BASE}/existing")
    page = visible_text(client_request.get(location))
    assert first in page and "This problem has already been reported" in page
    step(client_request, location, {"choice": "add"}, f"/staff/repairs/{first}")
    assert session.scalar(select(Repair.id).where(Repair.reference != first)) is None
    added = session.scalar(
        select(RepairEvent).where(RepairEvent.kind == "added_to").order_by(RepairEvent.id.desc())
    )
    assert (added.actor_kind, added.actor_id, added.channel) == ("staff", agent.id, "email")
    # And "a different problem" raises a new one after all.
    location = _by_tree(client_request)
    second = _reference(step(client_request, location, {"choice": "new"}))
    assert second != first and _repair(session, second) is not None


def test_gas_gives_the_emergency_number_and_books_nothing(
    client_request, session, signed_in, demo_tenant
):
    signed_in("agent")
    step(client_request, BASE, {"emergencies": "gas_smell", "channel": "phone"}, "/call-now")
    page = visible_text(client_request.get(f"{BASE}/call-now"))
    assert "0800 111 999" in page and "nothing to book" in page
    token = client_request.csrf_token(f"{BASE}/call-now")
    response = client_request.client.post(f"{BASE}/tell-us", data={"csrf_token": token})
    reference = _reference(response.headers["Location"])
    assert response.headers["Location"].endswith(f"/staff/repairs/{reference}")
    repair = _repair(session, reference)
    assert (repair.priority, repair.category, repair.channel) == ("emergency", "gas", "phone")
    assert session.scalar(select(Appointment.id)) is None
    item = session.scalar(select(WorkItem).where(WorkItem.repair_id == repair.id))
    assert item.kind == "emergency_follow_up"
    assert "Nothing is booked" in visible_text(client_request.get(f"/staff/repairs/{reference}"))


def test_bad_input_is_refused_by_the_field_and_changes_nothing(
    client_request, session, signed_in, demo_tenant
):
    signed_in("agent")
    response = client_request.post_form(
        BASE, {"emergencies": "none", "channel": "carrier-pigeon"}, status=200
    )
    html = response.get_data(as_text=True)
    assert "govuk-error-summary" in html and "Choose how the tenant is in touch" in html
    step(client_request, BASE, {"emergencies": "none", "channel": "phone"})
    step(client_request, f"{BASE}/where", {"where": "describe"})
    response = client_request.post_form(f"{BASE}/describe", {"description": "x" * 2001}, 200)
    assert 'href="#description"' in response.get_data(as_text=True)
    assert session.scalar(select(Repair.id)) is None


def test_drafts_are_kept_apart_per_agent_and_per_household(
    app, client_request, session, signed_in, demo_tenant, factories, create_member
):
    _, other = factories.create_tenant(reference="TV-000002")
    session.commit()
    signed_in("agent")
    step(client_request, BASE, {"emergencies": "none", "channel": "phone"})
    step(client_request, f"{BASE}/where", {"where": "kitchen"}, f"{BASE}/what")

    # The same agent on another household starts afresh ...
    there = "/staff/households/TV-000002/report"
    response = client_request.client.get(f"{there}/what")
    assert response.headers["Location"].endswith(there)
    step(client_request, there, {"emergencies": "none", "channel": "email"})
    step(client_request, f"{there}/where", {"where": "bathroom"}, f"{there}/what")
    # ... and the first household's answers are still there.
    assert 'value="kitchen" checked' in client_request.get(f"{BASE}/where")
    assert 'value="bathroom" checked' in client_request.get(f"{there}/where")

    # Another agent on the first household sees none of it.
    colleague = ClientRequest(app.test_client())
    sign_in(colleague, create_member("agent"))
    response = colleague.client.get(f"{BASE}/what")
    assert response.headers["Location"].endswith(BASE)
    step(colleague, BASE, {"emergencies": "none", "channel": "phone"})
    assert "checked" not in colleague.get(f"{BASE}/where")
    assert 'value="kitchen" checked' in client_request.get(f"{BASE}/where")


def test_the_tenants_own_draft_and_the_agents_do_not_mix(
    app, client_request, session, signed_in, demo_tenant
):
    from tests.tenant_helpers import sign_in as tenant_sign_in

    person, tenancy = demo_tenant
    tenant = ClientRequest(app.test_client())
    tenant_sign_in(tenant, session, person, tenancy)
    step(tenant, "/report", {"emergencies": "none"})
    step(tenant, "/report/where", {"where": "bathroom"})
    signed_in("agent")
    step(client_request, BASE, {"emergencies": "none", "channel": "phone"})
    step(client_request, f"{BASE}/where", {"where": "kitchen"})
    assert 'value="bathroom" checked' in tenant.get("/report/where")
    assert 'value="kitchen" checked' in client_request.get(f"{BASE}/where")


def test_only_those_who_take_calls_raise_repairs(client_request, signed_in, demo_tenant):
    signed_in("surveyor")
    assert "Report a repair for this household" not in client_request.get(
        "/staff/households/TV-000001"
    )
    assert client_request.client.get(BASE).status_code == 403


def test_an_ended_tenancy_cannot_have_repairs_raised(client_request, session, signed_in, factories):
    factories.create_tenant(reference="TV-000009", end=date(2021, 1, 1))
    session.commit()
    signed_in("agent")
    assert "Report a repair for this household" not in client_request.get(
        "/staff/households/TV-000009"
    )
    response = client_request.client.get("/staff/households/TV-000009/report")
    assert response.headers["Location"].endswith("/staff/households/TV-000009")
    page = visible_text(client_request.get("/staff/households/TV-000009"))
    assert "This tenancy has ended" in page
    assert client_request.client.get("/staff/households/TV-NOPE/report").status_code == 404


@pytest.mark.parametrize("role", ["agent", "surveyor"])
def test_the_repair_page_and_the_video_queue_link_to_the_video_call_page(
    client_request, session, signed_in, factories, demo_tenant, role
):
    signed_in(role)
    _, tenancy = demo_tenant
    open_one = factories.create_repair(tenancy.home, status="awaiting_appointment")
    closed = factories.create_repair(tenancy.home, status="completed")
    asked = {"kind": "video_triage", "status": "open", "channel": "web", "requested_by": "tenant"}
    session.add(WorkItem(**asked, repair=open_one))
    session.commit()
    link = f'href="/staff/video/repairs/{open_one.reference}"'
    assert link in client_request.get(f"/staff/repairs/{open_one.reference}")
    assert "/staff/video/repairs/" not in client_request.get(f"/staff/repairs/{closed.reference}")
    assert link in client_request.get("/staff/queues/video_triage")
    video = client_request.client.get(f"/staff/video/repairs/{open_one.reference}")
    assert video.status_code == 200


def test_sending_twice_raises_one_repair(client_request, session, signed_in, demo_tenant):
    signed_in("agent")
    step(client_request, BASE, {"emergencies": "none", "channel": "phone"})
    step(client_request, f"{BASE}/where", {"where": "describe"})
    step(client_request, f"{BASE}/describe", {"description": "The bedroom door handle fell off"})
    step(client_request, f"{BASE}/one-of-these", {"problem": "none"}, f"{BASE}/check")
    token = client_request.csrf_token(f"{BASE}/check")
    first = client_request.client.post(f"{BASE}/check", data={"csrf_token": token})
    second = client_request.client.post(f"{BASE}/check", data={"csrf_token": token})
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"].endswith("/staff/households/TV-000001")
    repair = session.scalar(select(Repair))
    assert len(session.scalars(select(Repair)).all()) == 1
    # "None of these": a person triages it before anything can be booked.
    assert first.headers["Location"].endswith(f"/staff/repairs/{repair.reference}")
    assert repair.status == "reported"
    assert "Someone will read the description" in visible_text(
        client_request.get(first.headers["Location"])
    )


def test_an_emergency_sends_an_operative_at_once(
    client_request, session, signed_in, demo_tenant, operatives
):
    signed_in("agent")
    step(client_request, BASE, {"emergencies": "flooding", "channel": "phone"}, "/emergency")
    assert "This is an emergency" in client_request.get(f"{BASE}/emergency")
    step(client_request, f"{BASE}/emergency", {}, f"{BASE}/details")
    step(client_request, f"{BASE}/details", {"description": "Pipe burst under the sink"})
    location = step(client_request, f"{BASE}/check", {})
    repair = _repair(session, _reference(location))
    assert repair.priority == "emergency" and repair.status in ("dispatched", "triaged")
    assert location.endswith(f"/staff/repairs/{repair.reference}")
    purposes = {
        m.purpose
        for m in session.scalars(
            select(OutboundMessage).where(OutboundMessage.repair_id == repair.id)
        )
    }
    assert "repair_received_emergency" in purposes
