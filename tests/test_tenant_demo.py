"""The demo tenant on the seeded demo city, as a person trying ``make run`` would: sign in
with the code from the development outbox page, report, book, and read the timeline;
plus timeline entries that only field events and reminders write."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from repairs.models import OutboundMessage, RepairEvent
from repairs.seed import seed_city
from tests.html import visible_text
from tests.test_tenant_booking import _book
from tests.test_tenant_report import report_in_own_words


def test_the_demo_tenant_reports_and_books_on_the_demo_city(app, client_request, session):
    seed_city(app.extensions["database"].engine, seed=5, homes=300, history_days=10)
    client_request.post_form("/sign-in", {"mobile": "07700 900001"})
    outbox = visible_text(client_request.get("/dev/outbox"))
    code = re.search(r"(\d{6}) is your sign-in code", outbox).group(1)
    client_request.post_form("/sign-in/code", {"code": code})
    response = client_request.post_form(
        "/sign-in/tenancy", {"tenancy_reference": "TV-000001", "postcode": "NG4 4NN"}
    )
    assert response.headers["Location"].endswith("/repairs")
    reference = report_in_own_words(client_request, "The kitchen tap is dripping all the time")
    _book(client_request, reference)
    html = visible_text(client_request.get(f"/repairs/{reference}"))
    assert "Appointment booked" in html


def test_field_events_and_reminders_reach_the_timeline(
    client_request, session, signed_in, factories
):
    repair = factories.create_repair(signed_in[1].home, status="completed")
    at = datetime(2026, 11, 10, 8, tzinfo=UTC)
    for n, (kind, to_status) in enumerate(
        [("on_the_way", None), ("arrived", "in_progress"), ("completed", "completed")]
    ):
        session.add(
            RepairEvent(
                repair_id=repair.id,
                occurred_at=at + timedelta(minutes=30 * n),
                kind=kind,
                actor_kind="operative",
                actor_label="Operative 1",
                channel="api",
                to_status=to_status,
                changes={},
                note="Internal note for staff only",
            )
        )
    session.add(
        OutboundMessage(
            repair_id=repair.id,
            channel="sms",
            to="+447700900001",
            body="Reminder",
            purpose="appointment_reminder",
            created_at=at - timedelta(days=1),
        )
    )
    session.commit()
    html = visible_text(client_request.get(f"/repairs/{repair.reference}"))
    history = html.split("History", 1)[1]
    order = [
        "Appointment reminder sent",
        "Operative on the way",
        "Operative arrived",
        "Repair completed",
    ]
    positions = [history.index(label) for label in order]
    assert positions == sorted(positions)
    assert "Internal note for staff only" not in html
