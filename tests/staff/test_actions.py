"""While the tenant is on the line: book, change and cancel the appointment, change the
triage with a reason, ask for a video call. Each through the same services as the
tenant's own channels, recorded with the agent and the channel the tenant used."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from repairs.models import Appointment, OutboundMessage, RepairEvent, WorkItem
from repairs.models.base import utcnow
from tests.html import visible_text
from tests.scheduling.conftest import CENTRE, create_operative  # noqa: F401

SLOT = re.compile(r'name="slot" type="radio" value="([^"]+)"')


@pytest.fixture
def waiting(factories, session, create_operative):  # noqa: F811
    create_operative(trades=("plumber",))
    home = factories.create_property(latitude=CENTRE[0] + 0.01, longitude=CENTRE[1])
    person, tenancy = factories.create_tenant(home=home, mobile="+447700900001")
    now = utcnow()
    repair = factories.create_repair(
        home,
        status="awaiting_appointment",
        reported_at=now - timedelta(hours=3),
        target_at=now + timedelta(days=28),
        reported_by_id=person.id,
        estimated_minutes=60,
    )
    session.commit()
    return repair


def _offered(client_request, reference):
    page = client_request.get(f"/staff/repairs/{reference}/appointment")
    slots = SLOT.findall(page)
    key = re.search(r'name="idempotency_key" type="hidden" value="([0-9a-f]+)"', page).group(1)
    assert slots, "no slots were offered"
    return slots, key


def _book(client_request, reference, channel="phone", choice=0):
    slots, key = _offered(client_request, reference)
    return (
        client_request.post_form(
            f"/staff/repairs/{reference}/appointment",
            {"slot": slots[choice], "idempotency_key": key, "channel": channel},
        ),
        slots,
        key,
    )


def test_an_agent_books_while_the_tenant_is_on_the_phone(
    client_request, signed_in, waiting, session
):
    agent = signed_in("agent")
    response, _, key = _book(client_request, waiting.reference)
    assert response.headers["Location"].endswith(f"/staff/repairs/{waiting.reference}")
    appointment = session.scalar(select(Appointment).where(Appointment.repair_id == waiting.id))
    assert appointment.status == "booked" and appointment.channel == "phone"
    event = session.scalar(
        select(RepairEvent).where(RepairEvent.repair_id == waiting.id, RepairEvent.kind == "booked")
    )
    assert (event.actor_kind, event.actor_id, event.channel) == ("staff", agent.id, "phone")
    message = session.scalar(select(OutboundMessage).where(OutboundMessage.repair_id == waiting.id))
    assert message.purpose == "appointment_booked" and message.to == "+447700900001"
    page = visible_text(client_request.get(f"/staff/repairs/{waiting.reference}"))
    assert "The tenant has been sent the details" in page


def test_a_double_submit_books_once(client_request, signed_in, waiting, session):
    signed_in("agent")
    slots, key = _offered(client_request, waiting.reference)
    for _ in range(2):
        client_request.post_form(
            f"/staff/repairs/{waiting.reference}/appointment",
            {"slot": slots[0], "idempotency_key": key, "channel": "phone"},
            form_url=f"/staff/repairs/{waiting.reference}",
        )
    count = session.scalars(select(Appointment).where(Appointment.repair_id == waiting.id)).all()
    assert len(count) == 1


def test_the_channel_the_tenant_used_is_recorded(client_request, signed_in, waiting, session):
    signed_in("supervisor")
    _book(client_request, waiting.reference, channel="visit")
    event = session.scalar(
        select(RepairEvent).where(RepairEvent.repair_id == waiting.id, RepairEvent.kind == "booked")
    )
    assert event.channel == "visit"


def test_show_times_keeps_the_channel_chosen_on_the_page(
    client_request, signed_in, waiting, session
):
    """The agent picks "Letter", ticks mornings and asks for the times again: the reload
    still says "Letter" (and mornings), nothing is booked, and booking records a letter."""
    signed_in("agent")
    url = f"/staff/repairs/{waiting.reference}/appointment"
    slots, key = _offered(client_request, waiting.reference)
    response = client_request.post_form(
        url,
        {
            "show": "times",
            "slot": slots[0],
            "idempotency_key": key,
            "channel": "letter",
            "windows": ["morning", "nonsense"],
        },
    )
    location = urlsplit(response.headers["Location"])
    assert location.path == url
    assert parse_qs(location.query) == {"windows": ["morning"], "channel": ["letter"]}
    assert session.scalars(select(Appointment)).all() == []
    page = client_request.get(f"{location.path}?{location.query}")
    assert re.search(r'name="channel" type="radio" value="letter" checked', page)
    assert not re.search(r'value="phone" checked', page)
    assert re.search(r'name="windows" type="checkbox" value="morning" checked', page)
    later = re.search(r'href="([^"]*after=[^"]*)"', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(later).query)["channel"] == ["letter"]
    # A channel that is not one of the four is dropped, not carried.
    forged = client_request.post_form(url, {"show": "times", "channel": "pigeon"})
    assert "channel" not in parse_qs(urlsplit(forged.headers["Location"]).query)

    slots, key = _offered(client_request, waiting.reference)
    client_request.post_form(url, {"slot": slots[0], "idempotency_key": key, "channel": "letter"})
    assert session.scalar(select(Appointment)).channel == "letter"


def test_no_time_chosen_is_an_error_by_the_field(client_request, signed_in, waiting, session):
    signed_in("agent")
    _, key = _offered(client_request, waiting.reference)
    page = client_request.post_form(
        f"/staff/repairs/{waiting.reference}/appointment",
        {"idempotency_key": key, "channel": "phone"},
        status=200,
    ).get_data(as_text=True)
    assert "Choose one of the times offered" in page
    forged = client_request.post_form(
        f"/staff/repairs/{waiting.reference}/appointment",
        {"slot": "not-a-slot", "idempotency_key": key, "channel": "phone"},
        status=200,
    ).get_data(as_text=True)
    assert "govuk-error-summary" in forged
    assert session.scalars(select(Appointment)).all() == []


def test_change_then_cancel_the_appointment(client_request, signed_in, waiting, session):
    signed_in("agent")
    _book(client_request, waiting.reference)
    assert "Change the appointment" in client_request.get(f"/staff/repairs/{waiting.reference}")
    _book(client_request, waiting.reference, choice=1)
    statuses = session.scalars(
        select(Appointment.status)
        .where(Appointment.repair_id == waiting.id)
        .order_by(Appointment.id)
    ).all()
    assert statuses == ["rebooked", "booked"]
    page = client_request.post_form(
        f"/staff/repairs/{waiting.reference}/appointment/cancel",
        {"reason": "", "channel": "phone"},
        status=200,
    ).get_data(as_text=True)
    assert "Give a reason" in page
    client_request.post_form(
        f"/staff/repairs/{waiting.reference}/appointment/cancel",
        {"reason": "Tenant going into hospital", "channel": "phone"},
    )
    session.expire_all()
    assert session.get(type(waiting), waiting.id).status == "awaiting_appointment"
    event = session.scalar(
        select(RepairEvent).where(
            RepairEvent.repair_id == waiting.id, RepairEvent.kind == "appointment_cancelled"
        )
    )
    assert event.note == "Tenant going into hospital"
    purposes = session.scalars(
        select(OutboundMessage.purpose).where(OutboundMessage.repair_id == waiting.id)
    ).all()
    assert purposes == ["appointment_booked", "appointment_changed", "appointment_cancelled"]


def test_triage_changes_only_with_a_reason(client_request, signed_in, waiting, session):
    signed_in("surveyor")
    url = f"/staff/repairs/{waiting.reference}/triage"
    page = client_request.post_form(
        url, {"priority": "urgent", "reason": "", "channel": "phone"}, status=200
    ).get_data(as_text=True)
    assert "Give a reason" in page
    session.expire_all()
    assert session.get(type(waiting), waiting.id).priority == "routine"
    client_request.post_form(
        url, {"priority": "urgent", "reason": "Elderly tenant, no other toilet", "channel": "phone"}
    )
    session.expire_all()
    assert session.get(type(waiting), waiting.id).priority == "urgent"
    event = session.scalar(
        select(RepairEvent).where(
            RepairEvent.repair_id == waiting.id, RepairEvent.kind == "triage_overridden"
        )
    )
    assert event.note == "Elderly tenant, no other toilet"
    assert event.changes["priority"] == ["routine", "urgent"]


def test_asking_for_a_video_call_puts_it_on_the_queue_once(
    client_request, signed_in, waiting, session
):
    signed_in("agent")
    for _ in range(2):
        client_request.post_form(
            f"/staff/repairs/{waiting.reference}/video",
            {"note": "Look at the ceiling stain", "channel": "phone"},
        )
    items = session.scalars(select(WorkItem).where(WorkItem.kind == "video_triage")).all()
    assert len(items) == 1 and items[0].note == "Look at the ceiling stain"
    assert "Look at the ceiling stain" in client_request.get("/staff/queues/video_triage")


def test_a_closed_repair_cannot_be_booked(client_request, signed_in, factories, session):
    signed_in("agent")
    home = factories.create_property()
    repair = factories.create_repair(home, status="completed")
    session.commit()
    response = client_request.client.get(f"/staff/repairs/{repair.reference}/appointment")
    assert response.status_code == 302
    page = client_request.get(response.headers["Location"])
    assert "cannot be booked now" in visible_text(page)


def test_words_that_may_hide_an_emergency_wait_on_their_own_queue(
    client_request, signed_in, waiting, session
):
    """What reporting queues for a person to read (tests/services/test_report.py) is
    listed with the other queues, under its own name, and leads to the repair."""
    session.add(
        WorkItem(
            kind="safety_review",
            repair_id=waiting.id,
            channel="sms",
            requested_by="a tenant",
            due_at=utcnow() + timedelta(hours=1),
        )
    )
    session.commit()
    signed_in("agent")
    overview = visible_text(client_request.get("/staff/queues"))
    assert "Words that may hide an emergency" in overview
    page = client_request.get("/staff/queues/safety_review")
    assert waiting.reference in page and "Words that may hide an emergency" in page
    # The repair page says why it is there, until the item is dealt with.
    warning = "These words may hide an emergency that nobody asked the tenant about."
    assert warning in visible_text(client_request.get(f"/staff/repairs/{waiting.reference}"))
    item = session.scalar(select(WorkItem).where(WorkItem.kind == "safety_review"))
    item.status = "done"
    session.commit()
    assert warning not in visible_text(client_request.get(f"/staff/repairs/{waiting.reference}"))
