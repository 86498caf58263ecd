"""record_satisfaction: a 1-to-5 score stored against the repair, from a text reply or a
reference; a later reply replaces it, the audit trail keeps both."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from repairs.audit import Actor
from repairs.models import InboundMessage, OutboundMessage, RepairEvent, SatisfactionResponse
from repairs.services import ServiceError, record_satisfaction
from repairs.services.errors import CONFLICT, INVALID, NOT_FOUND
from tests.services.helpers import commit


@pytest.fixture
def finished(factories, household, session, clock):
    """A completed repair whose "How did we do?" went to the tenant yesterday."""
    person, _tenancy, home = household
    repair = factories.create_repair(
        home, status="completed", reported_by_id=person.id, reported_at=clock() - timedelta(days=9)
    )
    question = OutboundMessage(
        person_id=person.id,
        repair_id=repair.id,
        channel="sms",
        to=person.mobile,
        body="... Reply with a score from 1 (poor) to 5 (very good).",
        purpose="completed",
        status="delivered",
        created_at=clock() - timedelta(days=1),
    )
    session.add(question)
    session.commit()
    return repair, question


def _reply(person, body="4") -> InboundMessage:
    return InboundMessage(
        provider_id="SM" + "1" * 32,
        channel="sms",
        from_number=person.mobile,
        to_number="+447700900000",
        body=body,
    )


def test_a_text_reply_is_stored_against_the_repair_it_answers(ctx, household, finished):
    person = household[0]
    repair, question = finished
    sms = Actor.tenant(person.id, person.full_name, "sms")
    answer = commit(ctx, record_satisfaction, sms, _reply(person), " 4 thanks")
    assert (answer.repair_id, answer.score, answer.channel) == (repair.id, 4, "sms")
    assert answer.question_id == question.id and answer.person_id == person.id


def test_a_second_reply_replaces_the_score_and_both_are_audited(ctx, household, finished):
    person = household[0]
    repair, _question = finished
    sms = Actor.tenant(person.id, person.full_name, "sms")
    commit(ctx, record_satisfaction, sms, _reply(person), "2")
    commit(ctx, record_satisfaction, sms, _reply(person), "5/5")
    answers = ctx.session.scalars(select(SatisfactionResponse)).all()
    assert [a.score for a in answers] == [5]
    events = ctx.session.scalars(
        select(RepairEvent.changes).where(
            RepairEvent.repair_id == repair.id, RepairEvent.kind == "satisfaction_recorded"
        )
    ).all()
    assert [e["score"] for e in events] == [[None, 2], [2, 5]]


def test_a_score_by_reference_from_the_web(ctx, tenant, finished):
    repair, _question = finished
    answer = commit(ctx, record_satisfaction, tenant, repair.reference, 1)
    assert answer.score == 1 and answer.channel == "web"


@pytest.mark.parametrize("score", ["0", "6", "10", "five", "", None, 3.5, True])
def test_anything_but_one_to_five_is_refused(ctx, tenant, finished, score):
    with pytest.raises(ServiceError) as refused:
        commit(ctx, record_satisfaction, tenant, finished[0].reference, score)
    assert refused.value.code == INVALID and "score" in refused.value.fields
    assert ctx.session.scalar(select(SatisfactionResponse)) is None


def test_a_reply_with_no_question_asked_is_not_found(ctx, household, finished, clock):
    person = household[0]
    finished[1].created_at = clock() - timedelta(days=30)
    ctx.session.commit()
    sms = Actor.tenant(person.id, person.full_name, "sms")
    with pytest.raises(ServiceError) as refused:
        commit(ctx, record_satisfaction, sms, _reply(person), "5")
    assert refused.value.code == NOT_FOUND


def test_an_unfinished_repair_cannot_be_scored(ctx, tenant, finished):
    repair = finished[0]
    repair.status = "in_progress"
    ctx.session.commit()
    with pytest.raises(ServiceError) as refused:
        commit(ctx, record_satisfaction, tenant, repair.reference, 5)
    assert refused.value.code == CONFLICT
