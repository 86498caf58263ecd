"""opt_out / opt_in (STOP and START): what they keep, and what they refuse.
(record_satisfaction has its own tests in test_satisfaction.py.)"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.audit import Actor
from repairs.models import ConsentEvent, OutboundMessage
from repairs.models.event import AuditTrailError
from repairs.services import (
    ChangeConsent,
    opt_in,
    opt_out,
)


@pytest.fixture
def sms_tenant(household) -> Actor:
    person = household[0]
    return Actor.tenant(person.id, person.full_name, "sms")


def test_stop_covers_everyone_with_the_number_and_cancels_what_waits(
    ctx, household, factories, sms_tenant
):
    person = household[0]
    relative, _ = factories.create_tenant(mobile=person.mobile)
    waiting = OutboundMessage(
        person_id=relative.id, channel="sms", to=person.mobile, body="Hi", purpose="reminder"
    )
    ctx.session.add(waiting)
    ctx.session.flush()
    stopped = opt_out(ctx, sms_tenant, ChangeConsent(person.mobile, "sms", "STOP", "SM1"))
    assert {p.id for p in stopped} == {person.id, relative.id}
    assert all(p.opted_out_at == ctx.now() for p in stopped)
    assert waiting.status == "cancelled"
    events = ctx.session.scalars(select(ConsentEvent).order_by(ConsentEvent.id)).all()
    assert {(e.person_id, e.kind, e.keyword, e.message_id) for e in events} == {
        (person.id, "opted_out", "STOP", "SM1"),
        (relative.id, "opted_out", "STOP", "SM1"),
    }
    opt_in(ctx, sms_tenant, ChangeConsent(person.mobile, "sms", "START"))
    assert person.opted_out_at is None and relative.opted_out_at is None


def test_a_stop_from_a_number_we_do_not_know_is_still_recorded(ctx):
    opt_out(ctx, Actor.system(), ChangeConsent("+447700900998", "whatsapp", "stop"))
    event = ctx.session.scalar(select(ConsentEvent))
    assert (event.person_id, event.address, event.channel) == (None, "+447700900998", "whatsapp")


def test_consent_events_cannot_be_rewritten(ctx):
    opt_out(ctx, Actor.system(), ChangeConsent("+447700900998", "sms", "STOP"))
    event = ctx.session.scalar(select(ConsentEvent))
    event.kind = "opted_in"
    with pytest.raises(AuditTrailError):
        ctx.session.flush()
    ctx.session.rollback()
