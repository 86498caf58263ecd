"""Whole conversations through Twilio's signed webhook: report, book, change, cancel,
and every step on the repair's timeline with its channel."""

from __future__ import annotations

import re

from sqlalchemy import select

from repairs.models import Appointment, OutboundMessage, Repair, RepairEvent
from tests.bot.conftest import DEMO_MOBILE
from tests.tenant_helpers import sign_in

REFERENCE = re.compile(r"\b[2-9A-HJ-KMNP-Z]{3}-[2-9A-HJ-KMNP-Z]{4}\b")


def _repair(session, reference) -> Repair:
    session.expire_all()
    return session.scalar(select(Repair).where(Repair.reference == reference))


def _events(session, repair):
    return session.scalars(
        select(RepairEvent).where(RepairEvent.repair_id == repair.id).order_by(RepairEvent.id)
    ).all()


def test_report_book_change_and_cancel_from_free_text(phone, demo_tenant, operatives, session):
    answer = phone.send("the kitchen tap is dripping all the time")
    assert len(answer.replies) == 2
    reference = REFERENCE.search(answer.replies[0]).group(0)
    assert "Tap is dripping" in answer.replies[0] and "We aim to fix it by" in answer.replies[0]
    assert answer.replies[1].startswith(f"Choose a time for repair {reference}:")
    assert "\n1 " in answer.replies[1] and "MORE" in answer.replies[1]
    repair = _repair(session, reference)
    assert (repair.status, repair.channel, repair.reported_by_id) == (
        "awaiting_appointment",
        "sms",
        demo_tenant[0].id,
    )

    booked = phone.send("2")
    assert booked.replies[0].startswith(f"Booked: repair {reference} on ")
    first = session.scalar(select(Appointment).where(Appointment.repair_id == repair.id))
    assert _repair(session, reference).status == "booked" and first.channel == "sms"

    offered = phone.send("CHANGE")
    assert offered.replies[0].startswith(f"Choose a time for repair {reference}:")
    moved = phone.send("1")
    assert moved.replies[0].startswith(f"Changed: repair {reference} is now on ")
    session.expire_all()
    booked_now = (Appointment.repair_id == repair.id) & (Appointment.status == "booked")
    live = session.scalars(select(Appointment).where(booked_now)).all()
    assert len(live) == 1 and live[0].id != first.id

    asked = phone.send("cancel")
    assert asked.replies[0].startswith(f"Cancel the appointment for repair {reference}")
    done = phone.send("YES")
    assert done.replies[0].startswith(f"Cancelled: the appointment for repair {reference}")
    repair = _repair(session, reference)
    assert repair.status == "awaiting_appointment"

    steps = [(e.kind, e.channel) for e in _events(session, repair)]
    for kind in ("reported", "triaged", "booked", "rebooked", "appointment_cancelled"):
        assert (kind, "sms") in steps, steps
    assert {channel for _, channel in steps} == {"sms"}
    # The replies said it all: the services' own notifications of these steps are not
    # sent a second time.
    queued = session.scalars(
        select(OutboundMessage).where(
            OutboundMessage.to == DEMO_MOBILE, OutboundMessage.status == "queued"
        )
    ).all()
    assert queued == []


def test_the_portal_timeline_shows_each_step_with_its_channel(
    phone, demo_tenant, operatives, client_request, session
):
    reference = REFERENCE.search(phone.send("my kitchen tap is dripping").replies[0]).group(0)
    phone.send("1")
    phone.send("change")
    phone.send("2")
    phone.send("cancel")
    phone.send("yes")
    person, tenancy, _ = demo_tenant
    sign_in(client_request, session, person, tenancy)
    html = client_request.get(f"/repairs/{reference}")
    history = html.split("History", 1)[1]
    for label in ("Reported", "Appointment booked", "Appointment changed", "Appointment cancelled"):
        assert label in history
    assert history.count("Text message") >= 5
