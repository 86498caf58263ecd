"""What the services tell tenants: exactly one message per change, in the tenant's
language, written in the change's own transaction."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from sqlalchemy import select, update

from portal.config import ROOT
from repairs.models import Appointment, OutboundMessage
from repairs.models.base import utcnow
from repairs.services import (
    Book,
    CancelAppointment,
    OfferSlots,
    Rebook,
    book,
    cancel_appointment,
    offer_slots,
    rebook,
)
from tests.fakes.twilio_api import FakeTwilio
from tests.messaging.processes import worker_env
from tests.services.helpers import booked, commit, key, reported

CALENDAR = re.compile(r"/calendar/([A-Za-z0-9_-]{16})\.ics")


def _outbox(ctx, repair) -> list[OutboundMessage]:
    return list(
        ctx.session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.repair_id == repair.id)
            .order_by(OutboundMessage.id)
        )
    )


@pytest.fixture
def polish(household, session):
    person = household[0]
    person.preferred_language = "pl"
    session.commit()
    return person


def test_booking_rebooking_and_cancelling_each_write_one_message_in_polish(
    ctx, tenant, household, plumber, polish
):
    repair = reported(ctx, tenant, polish).repair
    before = len(_outbox(ctx, repair))
    appointment, offer = booked(ctx, tenant, repair)
    moved = commit(ctx, rebook, tenant, Rebook(repair.reference, offer.slots[1].id, key()))
    cancelled = commit(
        ctx, cancel_appointment, tenant, CancelAppointment(repair.reference, "Away that week")
    )
    written = _outbox(ctx, repair)[before:]
    assert [m.purpose for m in written] == [
        "appointment_booked",
        "appointment_changed",
        "appointment_cancelled",
    ]
    for message, about in zip(written, (appointment, moved, cancelled), strict=True):
        assert message.appointment_id == about.id and message.status == "queued"
        assert message.to == polish.mobile and message.channel == "sms"
        assert "naprawy" in message.body and repair.reference in message.body
        # The calendar link names this appointment, and only this one.
        token = CALENDAR.search(message.body).group(1)
        assert (
            ctx.session.scalar(select(Appointment.id).where(Appointment.calendar_token == token))
            == about.id
        )
        assert message.segments <= 3


def test_a_booking_that_rolls_back_writes_no_message(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    before = len(_outbox(ctx, repair))
    slot = commit(ctx, offer_slots, tenant, OfferSlots(repair.reference)).slots[0]
    book(ctx, tenant, Book(repair.reference, slot.id, key()))
    ctx.session.rollback()
    assert len(_outbox(ctx, repair)) == before


def test_the_report_says_what_happens_next_and_by_when(ctx, tenant, household, plumber):
    repair = reported(ctx, tenant, household[0]).repair
    (received,) = [m for m in _outbox(ctx, repair) if m.purpose == "repair_received"]
    assert f"/repairs/{repair.reference}" in received.body
    assert "We aim to fix it by" in received.body and "23:59" not in received.body
    assert received.priority == 2


def test_a_tenant_who_texted_stop_is_sent_nothing(ctx, tenant, household, plumber, clock):
    person = household[0]
    person.opted_out_at = clock()
    ctx.session.commit()
    repair = reported(ctx, tenant, person).repair
    booked(ctx, tenant, repair)
    assert _outbox(ctx, repair) == []


def test_a_tenant_on_whatsapp_is_written_to_there(ctx, tenant, household, plumber):
    person = household[0]
    person.preferred_channel, person.consent_whatsapp = "whatsapp", True
    ctx.session.commit()
    repair = reported(ctx, tenant, person).repair
    assert {m.channel for m in _outbox(ctx, repair)} == {"whatsapp"}


@pytest.mark.slow
@pytest.mark.parametrize("transport", ["console", "twilio"])
def test_the_worker_delivers_a_booking_to_the_outbox_page_or_a_twilio_api(
    ctx, tenant, household, plumber, polish, database_url, client_request, transport
):
    repair = reported(ctx, tenant, polish).repair
    booked(ctx, tenant, repair)
    (message,) = [m for m in _outbox(ctx, repair) if m.purpose == "appointment_booked"]
    # The services ran on the test's clock, a week ahead; the worker runs on the real one.
    ctx.session.execute(update(OutboundMessage).values(next_attempt_at=utcnow()))
    ctx.session.commit()
    with FakeTwilio() as fake:
        env = worker_env(database_url, fake if transport == "twilio" else None)
        done = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--once"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        created = [m["body"] for m in fake.created()]
    ctx.session.commit()  # a fresh snapshot of what the worker wrote
    ctx.session.expire_all()
    if transport == "console":
        assert message.status == "delivered" and message.body in done.stdout
        page = client_request.get("/dev/outbox")
        assert html.escape(message.body.splitlines()[0]) in page
    else:
        assert message.status == "sent" and created.count(message.body) == 1
        assert message.provider_id.startswith("SM")
