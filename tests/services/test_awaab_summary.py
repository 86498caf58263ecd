"""send_awaab_summary: the investigation's written summary reaches the tenant within the
statutory days, in their language, with its words kept in the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from common.calendar import local
from repairs.models import OutboundMessage, RepairEvent, WorkItem
from repairs.services import AwaabSummary, ServiceError, send_awaab_summary
from repairs.services.errors import CONFLICT, FORBIDDEN, INVALID
from tests.services.helpers import commit, reported

MOULD = "There is black mould on the bedroom wall and it keeps coming back"


@pytest.fixture
def mould(ctx, tenant, household, clock):
    repair = reported(ctx, tenant, household[0], MOULD).repair
    assert repair.hazard == "awaab_significant"
    clock.now += timedelta(days=2)
    return repair


def _summary(repair, **overrides) -> AwaabSummary:
    values = {
        "reference": repair.reference,
        "findings": "Mould on the bedroom wall from condensation; the extractor fan is broken.",
        "hazard_found": True,
        "actions": "Mould wash, new extractor fan, and a damp survey.",
    }
    return AwaabSummary(**(values | overrides))


def test_the_summary_goes_to_the_tenant_on_time_and_is_kept(ctx, agent, mould, clock):
    investigated = clock() - timedelta(days=1)
    sent = commit(ctx, send_awaab_summary, agent, _summary(mould, investigated_at=investigated))
    assert sent.on_time and sent.letter is None
    assert mould.investigated_at == investigated and mould.awaab_summary_sent_at == clock()
    message = sent.message
    assert message.purpose == "awaab_summary" and message.segments <= 3
    assert "extractor fan is broken" in message.body and "damp survey" in message.body
    assert local(mould.awaab_safety_work_by).strftime("%-d %B") in message.body
    event = ctx.session.scalar(
        select(RepairEvent).where(
            RepairEvent.repair_id == mould.id, RepairEvent.kind == "awaab_summary_sent"
        )
    )
    assert "Will do: Mould wash" in event.note and event.changes["on_time"] == [None, True]


def test_a_late_summary_is_still_sent_and_marked_late(ctx, agent, mould, clock):
    commit(ctx, send_awaab_summary, agent, _summary(mould, investigated_at=clock()))
    clock.now = mould.awaab_summary_by + timedelta(hours=1)
    later = commit(ctx, send_awaab_summary, agent, _summary(mould))
    assert not later.on_time


def test_no_hazard_found_says_so_in_polish(ctx, agent, mould, household, clock):
    household[0].preferred_language = "pl"
    ctx.session.commit()
    sent = commit(
        ctx,
        send_awaab_summary,
        agent,
        _summary(mould, hazard_found=False, actions="", investigated_at=clock()),
    )
    assert sent.message.purpose == "awaab_summary_no_hazard"
    assert "Nie stwierdzilismy" in sent.message.body or "Nie stwierdziliśmy" in sent.message.body


def test_a_tenant_who_cannot_be_texted_gets_a_letter_from_a_person(
    ctx, agent, mould, household, clock
):
    household[0].opted_out_at = clock()
    ctx.session.commit()
    sent = commit(ctx, send_awaab_summary, agent, _summary(mould, investigated_at=clock()))
    assert sent.message is None and sent.letter.kind == "message_failed"
    assert "by letter" in ctx.session.get(WorkItem, sent.letter.id).note


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"findings": "  "}, "findings"),
        ({"actions": ""}, "actions"),
        ({"findings": "x " * 150, "actions": "y " * 150}, "findings"),
        ({"investigated_at": None}, "investigated_at"),
    ],
)
def test_a_summary_that_cannot_be_sent_is_refused_and_changes_nothing(
    ctx, agent, mould, clock, overrides, field
):
    overrides.setdefault("investigated_at", clock())
    with pytest.raises(ServiceError) as refused:
        commit(ctx, send_awaab_summary, agent, _summary(mould, **overrides))
    assert refused.value.code == INVALID and field in refused.value.fields
    assert (
        ctx.session.scalar(select(OutboundMessage).where(OutboundMessage.purpose.like("awaab%")))
        is None
    )
    assert mould.investigated_at is None


def test_only_staff_send_it_and_only_for_a_hazard(ctx, tenant, agent, household, mould, clock):
    with pytest.raises(ServiceError) as refused:
        commit(ctx, send_awaab_summary, tenant, _summary(mould, investigated_at=clock()))
    assert refused.value.code == FORBIDDEN
    tap = reported(ctx, tenant, household[0]).repair
    with pytest.raises(ServiceError) as refused:
        commit(ctx, send_awaab_summary, agent, _summary(tap, investigated_at=clock()))
    assert refused.value.code == CONFLICT
