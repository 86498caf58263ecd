"""Issue 10's "done when", in the demo city: the demo tenant's own mobile reports a repair
from free text by signed text messages, books, changes and cancels, and the portal shows
each step with its channel."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.models import Person, Tenancy
from repairs.seed import seed_city
from tests.bot.test_journeys import REFERENCE
from tests.tenant_helpers import sign_in


@pytest.mark.slow
def test_the_demo_tenant_reports_books_changes_and_cancels_by_text(
    app, phone, client_request, session
):
    seed_city(app.extensions["database"].engine, seed=1, homes=300, history_days=10)
    answer = phone.send("There is water dripping from the pipe under my bathroom sink")
    if answer.replies[0].startswith("You reported this already"):
        answer = phone.send("2")
    reference = REFERENCE.search(answer.replies[0]).group(0)
    assert answer.replies[0].startswith(f"Thank you. Repair {reference}")
    assert phone.send("1").replies[0].startswith(f"Booked: repair {reference}")
    offered = phone.send(f"change {reference}").replies[0]
    assert offered.startswith(f"Choose a time for repair {reference}")
    assert phone.send("2").replies[0].startswith(f"Changed: repair {reference}")
    assert phone.send(f"cancel {reference}").replies[0].startswith("Cancel the appointment")
    cancelled = phone.send("yes").replies[0]
    assert cancelled.startswith(f"Cancelled: the appointment for repair {reference}")

    # In the portal as the tenant would: mobile, the code from the outbox, first-time check.
    person = session.scalar(select(Person).where(Person.mobile == "+447700900001"))
    tenancy = session.scalar(select(Tenancy).where(Tenancy.reference == "TV-000001"))
    sign_in(client_request, session, person, tenancy)
    history = client_request.get(f"/repairs/{reference}").split("History", 1)[1]
    lines = [item.split("</li>")[0] for item in history.split('class="app-timeline__item"')[1:]]
    assert len(lines) >= 6
    assert all("(Text message)" in line for line in lines), lines
