"""The queues: each holds what the data says needs a person, filters by patch, priority
and trade, and taking an item assigns it (with a line in the repair's audit trail)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from repairs.contact_centre import queues as q
from repairs.models import Block, OutboundMessage, RepairEvent, WorkItem
from repairs.models.base import utcnow
from tests.html import visible_text


@pytest.fixture
def data(factories, session):
    now = utcnow()
    east = factories.create_property(patch="East")
    west = factories.create_property(patch="West")
    person, _ = factories.create_tenant(home=east)
    old = now - timedelta(days=3)
    make = factories.create_repair
    rows = {
        # Waiting for a time for three days: on "no appointment" (and not yet near target).
        "waiting": make(
            east,
            status="awaiting_appointment",
            reported_at=old,
            updated_at=old,
            target_at=now + timedelta(days=10),
            priority="urgent",
            trade="plumber",
            reported_by_id=person.id,
        ),
        # Chosen a minute ago: the tenant may still be choosing, so not on the queue yet.
        "fresh": make(
            west,
            status="awaiting_appointment",
            reported_at=now,
            updated_at=now,
            target_at=now + timedelta(days=10),
            priority="routine",
            trade="carpenter",
        ),
        # Past its target with no appointment: on both queues.
        "late": make(
            west,
            status="awaiting_appointment",
            reported_at=old,
            updated_at=old,
            target_at=now - timedelta(hours=2),
            priority="routine",
            trade="carpenter",
        ),
        # Booked within target: on neither.
        "booked": make(
            east,
            status="booked",
            reported_at=old,
            updated_at=old,
            target_at=now + timedelta(hours=6),
            priority="urgent",
            trade="plumber",
        ),
        # Damp and mould, investigation due tomorrow: on the Awaab's Law queue.
        "damp": make(
            east,
            status="booked",
            reported_at=old,
            updated_at=old,
            target_at=now + timedelta(days=8),
            priority="urgent",
            trade="plasterer",
            hazard="awaab_significant",
            awaab_investigate_by=now + timedelta(days=1),
        ),
        # Investigated in time: its clock stopped.
        "investigated": make(
            east,
            status="booked",
            reported_at=old,
            updated_at=old,
            target_at=now + timedelta(days=8),
            hazard="awaab_significant",
            awaab_investigate_by=now + timedelta(hours=5),
            investigated_at=old,
            awaab_safety_work_by=now + timedelta(days=5),
        ),
    }
    from repairs.models import Appointment

    session.add(
        Appointment(
            repair_id=rows["booked"].id,
            window="morning",
            starts_at=now + timedelta(hours=2),
            ends_at=now + timedelta(hours=5),
            status="booked",
            channel="web",
        )
    )
    session.add(
        WorkItem(
            kind="callback",
            status="open",
            person_id=person.id,
            channel="web",
            requested_by="tenant",
            note="Please ring after 3pm",
            created_at=old,
        )
    )
    session.add(
        OutboundMessage(
            person_id=person.id,
            repair_id=rows["waiting"].id,
            channel="sms",
            to=person.mobile,
            body="x",
            purpose="appointment_booked",
            status="failed",
            last_error="21610 unsubscribed",
            created_at=old,
        )
    )
    session.commit()
    return rows


def _refs(page: q.Page) -> set[str]:
    return {row.repair.reference for row in page.rows if row.repair}


def test_derived_queues_hold_what_the_data_says(session, data):
    now = utcnow()
    on = {kind: _refs(q.queue(session, kind, q.Filters(), now)) for kind in q.DERIVED_QUEUES}
    assert on["no_appointment"] == {data["waiting"].reference, data["late"].reference}
    assert on["near_target"] == {data["late"].reference}
    assert on["awaab_clock"] == {data["damp"].reference}
    assert on["message_failed"] == {data["waiting"].reference}


def test_queues_filter_by_patch_priority_and_trade(session, data):
    now = utcnow()
    waiting, late = data["waiting"].reference, data["late"].reference

    def refs(**filters):
        return _refs(q.queue(session, "no_appointment", q.Filters(**filters), now))

    assert refs(patch="East") == {waiting}
    assert refs(patch="West") == {late}
    assert refs(priority="routine") == {late}
    assert refs(trade="plumber") == {waiting}
    assert refs(patch="East", trade="carpenter") == set()


def test_queues_sort_by_due_by_age_and_by_priority(session, data, factories):
    now = utcnow()
    order = [r.repair.reference for r in q.queue(session, "no_appointment", q.Filters(), now).rows]
    assert order == [data["late"].reference, data["waiting"].reference]  # due soonest first
    order = [
        r.repair.reference
        for r in q.queue(session, "no_appointment", q.Filters(sort="priority"), now).rows
    ]
    assert order == [data["waiting"].reference, data["late"].reference]  # urgent first


def test_counts_match_the_queues(session, data):
    now = utcnow()
    counts = q.counts(session, now)
    for kind in q.QUEUES:
        assert counts[kind][0] == q.queue(session, kind, q.Filters(), now).total, kind
    assert counts["callback"] == (1, 0)


def test_taking_a_derived_row_assigns_it_and_records_it(client_request, signed_in, data, session):
    agent = signed_in("agent")
    reference = data["waiting"].reference
    page = client_request.get("/staff/queues/no_appointment")
    assert reference in page
    response = client_request.post_form(
        "/staff/queues/no_appointment/take",
        {"key": f"repair:{reference}"},
        form_url="/staff/queues/no_appointment",
    )
    assert response.headers["Location"].endswith(f"/staff/repairs/{reference}")
    item = session.scalar(select(WorkItem).where(WorkItem.kind == "no_appointment"))
    assert item.status == "assigned" and item.assigned_to_id == agent.id
    event = session.scalar(select(RepairEvent).where(RepairEvent.kind == "work_taken"))
    assert event.repair_id == data["waiting"].id and event.actor_id == agent.id
    # The row stays while the repair still has no appointment, now showing who has it.
    assert "You: mark as done" in client_request.get("/staff/queues/no_appointment")


def test_a_taken_item_is_finished_with_what_was_done(client_request, signed_in, data, session):
    signed_in("agent")
    item = session.scalar(select(WorkItem).where(WorkItem.kind == "callback"))
    client_request.post_form(
        "/staff/queues/callback/take", {"key": f"item:{item.id}"}, form_url="/staff/queues/callback"
    )
    page = client_request.post_form(
        f"/staff/work/{item.id}/done", {"outcome": ""}, status=200
    ).get_data(as_text=True)
    assert "Say what was done" in page
    client_request.post_form(f"/staff/work/{item.id}/done", {"outcome": "Rang back, booked"})
    session.expire_all()
    done = session.get(WorkItem, item.id)
    assert done.status == "done" and done.outcome == "Rang back, booked"
    assert "Nothing is waiting here" in visible_text(client_request.get("/staff/queues/callback"))


def test_someone_else_cannot_finish_your_item(
    app, client_request, signed_in, create_member, data, session
):
    from tests.conftest import ClientRequest
    from tests.staff.conftest import sign_in

    signed_in("agent")
    item = session.scalar(select(WorkItem).where(WorkItem.kind == "callback"))
    client_request.post_form(
        "/staff/queues/callback/take", {"key": f"item:{item.id}"}, form_url="/staff/queues/callback"
    )
    other = ClientRequest(app.test_client())
    sign_in(other, create_member("agent"))
    other.post_form(f"/staff/work/{item.id}/done", {"outcome": "not mine"})
    session.expire_all()
    assert session.get(WorkItem, item.id).status == "assigned"


def test_taking_a_failed_message_hands_it_to_a_person(client_request, signed_in, data, session):
    signed_in("supervisor")
    message = session.scalar(select(OutboundMessage))
    client_request.post_form(
        "/staff/queues/message_failed/take",
        {"key": f"message:{message.id}"},
        form_url="/staff/queues/message_failed",
    )
    item = session.scalar(select(WorkItem).where(WorkItem.kind == "message_failed"))
    assert item.status == "assigned" and "21610" in item.note


def test_taking_something_not_on_the_queue_is_refused_plainly(client_request, signed_in, data):
    signed_in("agent")
    for key in ("repair:ZZZ-ZZZZ", "item:999999", "nonsense", "message:1x"):
        response = client_request.post_form(
            "/staff/queues/no_appointment/take",
            {"key": key},
            form_url="/staff/queues/no_appointment",
        )
        page = client_request.get(response.headers["Location"])
        assert "That item is no longer on the queue" in visible_text(page)


def test_bad_filters_are_ignored(client_request, signed_in, data):
    signed_in("agent")
    page = client_request.get(
        "/staff/queues/no_appointment?priority=<x>&trade=zzz&sort=sideways&page=-4&patch=Nowhere"
    )
    assert "0 waiting" in visible_text(page)
    client_request.get("/staff/queues/not-a-queue", status=404)


def test_communal_repairs_take_the_block_patch(session, factories):
    now = utcnow()
    block = Block(
        uprn="1",
        name="Tower",
        address_line_1="x",
        postcode="NG1 1AA",
        latitude=52.9,
        longitude=-1.1,
        patch="North",
        storeys=10,
    )
    session.add(block)
    session.flush()
    old = now - timedelta(days=2)
    factories.create_repair(
        factories.create_property(patch="South"),
        property_id=None,
        block_id=block.id,
        status="awaiting_appointment",
        updated_at=old,
        reported_at=old,
    )
    session.commit()
    page = q.queue(session, "no_appointment", q.Filters(patch="North"), now)
    assert page.total == 1 and page.rows[0].patch == "North"
