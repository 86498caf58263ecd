"""The video-call services on their own: who may start a call, what a resent link does,
and how the tenant's queue item follows the call."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.audit import Actor
from repairs.models import OutboundMessage, RepairEvent, WorkItem
from repairs.services import ServiceError
from repairs.services.video import (
    StartVideoCall,
    cancel_video_call,
    open_video_link,
    staff_ticket,
    start_video_call,
    video_suggested,
)
from tests.services.helpers import commit

BASE = "https://repairs.example/video/join/"


@pytest.fixture
def ctx(app):
    from portal.wiring import services

    with app.app_context():
        yield services(app)


@pytest.fixture
def scene(factories, session):
    tenant, tenancy = factories.create_tenant()
    repair = factories.create_repair(
        tenancy.home,
        status="awaiting_appointment",
        reported_by_id=tenant.id,
        problem="kitchen_tap_dripping",
    )
    staff = factories.create_staff(role="surveyor")
    session.add(
        WorkItem(
            kind="video_triage",
            status="open",
            repair_id=repair.id,
            channel="web",
            requested_by="tenant",
        )
    )
    session.commit()
    return repair, Actor.staff(staff.id, staff.name, staff.role, "video"), tenant


def test_starting_a_call_texts_the_link_and_takes_the_queue_item(ctx, scene):
    repair, actor, _ = scene
    invited = commit(ctx, start_video_call, actor, StartVideoCall(repair.reference, BASE))
    assert invited.link.startswith(BASE) and not invited.resent
    assert open_video_link(ctx, invited.link.removeprefix(BASE)).id == invited.call.id
    message = ctx.session.scalar(select(OutboundMessage))
    assert invited.link in message.body and message.purpose == "video_call_link"
    item = ctx.session.scalar(select(WorkItem))
    assert (item.status, item.assigned_to_id) == ("assigned", actor.id)


def test_a_resent_link_replaces_the_first_until_the_tenant_joins(ctx, scene):
    repair, actor, _ = scene
    first = commit(ctx, start_video_call, actor, StartVideoCall(repair.reference, BASE))
    second = commit(ctx, start_video_call, actor, StartVideoCall(repair.reference, BASE))
    assert second.resent and second.call.id == first.call.id
    with pytest.raises(ServiceError, match="expired"):
        open_video_link(ctx, first.link.removeprefix(BASE))
    kinds = ctx.session.scalars(select(RepairEvent.kind).order_by(RepairEvent.id)).all()
    assert kinds == ["video_call_invited", "video_link_resent"]


def test_tenants_cannot_start_calls_or_take_staff_tickets(ctx, scene):
    repair, actor, tenant = scene
    as_tenant = Actor.tenant(tenant.id, "tenant", "web")
    with pytest.raises(ServiceError) as refused:
        start_video_call(ctx, as_tenant, StartVideoCall(repair.reference, BASE))
    assert refused.value.code == "forbidden"
    invited = commit(ctx, start_video_call, actor, StartVideoCall(repair.reference, BASE))
    with pytest.raises(ServiceError):
        staff_ticket(ctx, as_tenant, invited.call.public_id)


def test_a_closed_repair_gets_no_call(ctx, scene, session):
    repair, actor, _ = scene
    repair.status = "completed"
    session.commit()
    with pytest.raises(ServiceError, match="is closed"):
        start_video_call(ctx, actor, StartVideoCall(repair.reference, BASE))


def test_calling_off_a_call_ends_it_once_and_kills_its_link(ctx, scene):
    repair, actor, _ = scene
    invited = commit(ctx, start_video_call, actor, StartVideoCall(repair.reference, BASE))
    commit(ctx, cancel_video_call, actor, invited.call.public_id)
    commit(ctx, cancel_video_call, actor, invited.call.public_id)
    assert (invited.call.status, invited.call.end_reason) == ("ended", "cancelled")
    summaries = ctx.session.scalars(
        select(RepairEvent).where(RepairEvent.kind == "video_call")
    ).all()
    assert len(summaries) == 1 and summaries[0].changes["duration_seconds"] == [None, None]
    with pytest.raises(ServiceError, match="expired"):
        open_video_link(ctx, invited.link.removeprefix(BASE))


def test_the_rules_say_when_a_video_call_would_help(ctx, scene):
    repair, _, _ = scene
    assert video_suggested(ctx, repair) is True  # a dripping tap: seeing it helps
    repair.problem = "structure_collapse"  # an emergency: nobody waits for a call
    assert video_suggested(ctx, repair) is False
    repair.problem = None
    assert video_suggested(ctx, repair) is False
