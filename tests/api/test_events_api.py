"""The repair services end to end through the app: a report from free text, a booking, a
rebooking, and field events arriving at ``POST /api/v1/events``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.wiring import services
from repairs.audit import Actor
from repairs.models import RepairEvent
from repairs.services import Book, OfferSlots, Rebook, ReportRepair, book, offer_slots, rebook
from repairs.services import report_repair as report
from tests.scheduling.conftest import create_operative, issue_token  # noqa: F401


@pytest.fixture
def token(app):
    return issue_token(app, "works-management")


@pytest.fixture
def headers(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tenant_at_home(factories, session, create_operative):  # noqa: F811
    create_operative(trades=("plumber",))
    home = factories.create_property(latitude=52.9533, longitude=-1.1496)
    person, _ = factories.create_tenant(home=home)
    session.commit()
    return person


def _in_app(app, operation, *args):
    with app.app_context():
        result = operation(services(), *args)
        db.session.commit()
        return result


def test_report_book_rebook_and_field_events_leave_a_whole_audit_trail(
    app, client, headers, tenant_at_home
):
    person = tenant_at_home
    actor = Actor.tenant(person.id, person.full_name, "web")
    repair = _in_app(app, report, actor, ReportRepair(person.id, "the kitchen tap is dripping"))
    reference = repair.repair.reference
    slots = _in_app(app, offer_slots, actor, OfferSlots(reference)).slots
    first = _in_app(app, book, actor, Book(reference, slots[0].id, uuid.uuid4().hex))
    moved = _in_app(app, rebook, actor, Rebook(reference, slots[1].id, uuid.uuid4().hex))
    assert first.booking_reference != moved.booking_reference
    for kind in ("on_the_way", "completed"):
        body = {
            "id": f"wms-{kind}-1",
            "booking_reference": moved.booking_reference,
            "kind": kind,
            "occurred_at": datetime.now(UTC).isoformat(),
            "note": "from the van",
        }
        answer = client.post("/api/v1/events", json=body, headers=headers)
        assert answer.status_code == 200, answer.get_json()
        assert answer.get_json()["duplicate"] is False
    assert answer.get_json() == {
        "id": "wms-completed-1",
        "duplicate": False,
        "applied": True,
        "repair_reference": reference,
        "repair_status": "completed",
    }
    with app.app_context():
        trail = db.session.execute(
            select(RepairEvent.kind, RepairEvent.actor_kind, RepairEvent.channel)
            .where(RepairEvent.repair_id == repair.repair.id)
            .order_by(RepairEvent.id)
        ).all()
    kinds = [row.kind for row in trail]
    assert kinds[:2] == ["reported", "triaged"]
    assert {"booked", "rebooked", "on_the_way", "completed"} <= set(kinds)
    assert [r.actor_kind for r in trail if r.kind in ("booked", "rebooked")] == ["tenant"] * 2
    assert {r.channel for r in trail if r.kind in ("on_the_way", "completed")} == {"api"}
    assert {r.actor_kind for r in trail if r.kind in ("on_the_way", "completed")} == {"operative"}
    check = app.test_cli_runner().invoke(args=["repairs", "check"])
    assert check.exit_code == 0, check.output


def test_the_same_event_again_gets_the_first_answer(app, client, headers, tenant_at_home):
    person = tenant_at_home
    actor = Actor.tenant(person.id, person.full_name, "sms")
    reference = _in_app(
        app, report, actor, ReportRepair(person.id, "kitchen tap dripping")
    ).repair.reference
    slot = _in_app(app, offer_slots, actor, OfferSlots(reference)).slots[0]
    appointment = _in_app(app, book, actor, Book(reference, slot.id, uuid.uuid4().hex))
    body = {
        "id": "retry-me",
        "booking_reference": appointment.booking_reference,
        "kind": "no_access",
        "occurred_at": "2026-12-01T10:00:00+00:00",
    }
    first = client.post("/api/v1/events", json=body, headers=headers).get_json()
    again = client.post("/api/v1/events", json=body, headers=headers).get_json()
    assert first["applied"] and not first["duplicate"]
    assert again == {**first, "duplicate": True}
    clash = client.post("/api/v1/events", json={**body, "kind": "completed"}, headers=headers)
    assert clash.status_code == 409


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ([1, 2], 422),
        (
            {
                "id": "x",
                "booking_reference": "SB-NONE",
                "kind": "arrived",
                "occurred_at": "2026-12-01T10:00:00Z",
            },
            404,
        ),
        (
            {
                "id": "x",
                "booking_reference": "SB-NONE",
                "kind": "flew",
                "occurred_at": "2026-12-01T10:00:00Z",
            },
            422,
        ),
        (
            {
                "id": "x",
                "booking_reference": "SB-NONE",
                "kind": "arrived",
                "occurred_at": "yesterday",
            },
            422,
        ),
        (
            {
                "id": "x",
                "booking_reference": "SB-NONE",
                "kind": "arrived",
                "occurred_at": "2026-12-01T10:00:00",
            },
            422,
        ),
        (
            {
                "id": "x",
                "booking_reference": "B",
                "kind": "arrived",
                "occurred_at": "2026-12-01T10:00:00Z",
                "extra": 1,
            },
            422,
        ),
    ],
)
def test_bad_events_get_a_problem_document(client, headers, body, status):
    answer = client.post("/api/v1/events", json=body, headers=headers)
    assert answer.status_code == status
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["status"] == status


def test_events_need_a_live_token(client):
    answer = client.post("/api/v1/events", json={})
    assert answer.status_code == 401 and "Bearer" in answer.headers["WWW-Authenticate"]
    wrong = client.post("/api/v1/events", json={}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_a_wrong_method_is_told_which_are_allowed(client, headers):
    answer = client.get("/api/v1/events", headers=headers)
    assert answer.status_code == 405
    assert sorted(answer.headers["Allow"].split(", ")) == ["OPTIONS", "POST"]


def test_the_openapi_document_is_served_without_a_token(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/events" in document["paths"]
