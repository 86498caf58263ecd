"""record_satisfaction (the 1 to 5 reply to "how did we do?") and opt_out / opt_in
(STOP and START): what they keep, and what they refuse."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.audit import Actor
from repairs.models import ConsentEvent, OutboundMessage, RepairEvent, SatisfactionReply
from repairs.models.event import AuditTrailError
from repairs.services import (
    ChangeConsent,
    RecordSatisfaction,
    ServiceError,
    opt_in,
    opt_out,
    record_satisfaction,
)
from repairs.services.errors import CONFLICT, INVALID, NOT_FOUND


@pytest.fixture
def sms_tenant(household) -> Actor:
    person = household[0]
    return Actor.tenant(person.id, person.full_name, "sms")


def test_a_score_is_kept_once_a_repair_and_each_reply_audited(
    ctx, sms_tenant, household, factories
):
    repair = factories.create_repair(household[2], status="completed")
    record_satisfaction(ctx, sms_tenant, RecordSatisfaction(repair.reference, 2))
    record_satisfaction(ctx, sms_tenant, RecordSatisfaction(repair.reference, 5, " great "))
    replies = ctx.session.scalars(select(SatisfactionReply)).all()
    assert [(r.score, r.comment, r.channel) for r in replies] == [(5, "great", "sms")]
    events = ctx.session.scalars(
        select(RepairEvent).where(RepairEvent.kind == "satisfaction_recorded")
    ).all()
    assert [e.changes["satisfaction"] for e in events] == [[None, 2], [2, 5]]


@pytest.mark.parametrize("score", [0, 6, "5", None])
def test_a_score_must_be_one_to_five(ctx, sms_tenant, household, factories, score):
    repair = factories.create_repair(household[2], status="completed")
    with pytest.raises(ServiceError) as refused:
        record_satisfaction(ctx, sms_tenant, RecordSatisfaction(repair.reference, score))
    assert refused.value.code == INVALID


def test_only_a_finished_repair_of_the_household_gets_a_score(
    ctx, sms_tenant, household, factories
):
    open_repair = factories.create_repair(household[2], status="booked")
    with pytest.raises(ServiceError) as refused:
        record_satisfaction(ctx, sms_tenant, RecordSatisfaction(open_repair.reference, 4))
    assert refused.value.code == CONFLICT
    theirs = factories.create_repair(factories.create_property(), status="completed")
    with pytest.raises(ServiceError) as refused:
        record_satisfaction(ctx, sms_tenant, RecordSatisfaction(theirs.reference, 4))
    assert refused.value.code == NOT_FOUND


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
