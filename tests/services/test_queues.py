"""Call-backs and video calls asked for go on the contact centre's queues, once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from repairs.models import WorkItem
from repairs.services import (
    RequestCallback,
    RequestVideoTriage,
    ServiceError,
    request_callback,
    request_video_triage,
)
from repairs.services.errors import INVALID, NOT_FOUND
from tests.services.helpers import commit, reported


def test_asking_twice_for_a_call_back_queues_one(ctx, tenant, household):
    person = household[0]
    repair = reported(ctx, tenant, person).repair
    ask = RequestCallback(person.id, repair.reference, "none of the times suit me", "07700 900 999")
    first = commit(ctx, request_callback, tenant, ask)
    second = commit(ctx, request_callback, tenant, ask)
    assert first.id == second.id and first.kind == "callback" and first.phone == "+447700900999"
    assert (first.channel, first.repair_id) == ("web", repair.id)
    assert ctx.session.scalar(select(func.count()).select_from(WorkItem)) == 1


def test_a_call_back_needs_a_real_number(ctx, tenant, household):
    with pytest.raises(ServiceError) as refused:
        commit(ctx, request_callback, tenant, RequestCallback(household[0].id, phone="not a phone"))
    assert refused.value.code == INVALID and "phone" in refused.value.fields


def test_a_tenant_cannot_ask_for_someone_else(ctx, tenant, factories, session):
    other, _ = factories.create_tenant()
    session.commit()
    with pytest.raises(ServiceError) as refused:
        commit(ctx, request_callback, tenant, RequestCallback(other.id))
    assert refused.value.code == NOT_FOUND


def test_a_video_call_is_queued_against_the_repair(ctx, tenant, household):
    repair = reported(ctx, tenant, household[0]).repair
    item = commit(
        ctx, request_video_triage, tenant, RequestVideoTriage(repair.reference, "easier to show")
    )
    assert item.kind == "video_triage" and item.person_id == household[0].id
