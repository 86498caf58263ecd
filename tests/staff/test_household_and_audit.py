"""The household page, the repair page and the audit trail, printable and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from repairs.audit import Actor, record
from repairs.models import Appointment, OutboundMessage, Person, TenancyMember
from tests.html import summary_rows, visible_text


@pytest.fixture
def household(factories, session):
    home = factories.create_property(address_line_1="Flat 1", postcode="NG4 4NN")
    zainab, tenancy = factories.create_tenant(
        home=home,
        mobile="+447700900001",
        reference="TV-000001",
        given_name="Zainab",
        family_name="Rahman",
        vulnerabilities=["elderly", "medical_equipment"],
        preferred_language="pl",
        needs_interpreter=True,
        preferred_channel="whatsapp",
        consent_whatsapp=True,
    )
    joint = Person(given_name="Omar", family_name="Rahman", mobile="+447700950001")
    session.add(joint)
    session.flush()
    session.add(TenancyMember(tenancy_id=tenancy.id, person_id=joint.id, role="joint"))
    reported = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    older = factories.create_repair(
        home,
        status="completed",
        reported_at=reported,
        description="Broken window latch",
        reported_by_id=zainab.id,
    )
    repair = factories.create_repair(
        home,
        status="booked",
        reported_at=reported + timedelta(days=20),
        description='=HYPERLINK("http://evil") tap drips',
        reported_by_id=zainab.id,
    )
    agent = Actor.staff(1, "Alex Agent", "agent", "phone")
    tenant = Actor.tenant(zainab.id, "Zainab Rahman", "web")
    record(
        session,
        repair,
        "reported",
        tenant,
        to_status="reported",
        at=repair.reported_at,
        changes={"status": (None, "reported")},
    )
    record(
        session,
        repair,
        "booked",
        agent,
        from_status="awaiting_appointment",
        to_status="booked",
        at=repair.reported_at + timedelta(hours=1),
        changes={"window": (None, "morning")},
        note="Tenant rang; prefers mornings",
    )
    record(session, older, "reported", tenant, to_status="reported", at=older.reported_at)
    session.add(
        Appointment(
            repair_id=repair.id,
            window="morning",
            starts_at=reported + timedelta(days=25, hours=8),
            ends_at=reported + timedelta(days=25, hours=12),
            status="booked",
            channel="phone",
        )
    )
    session.add(
        OutboundMessage(
            person_id=zainab.id,
            repair_id=repair.id,
            channel="sms",
            to="+447700900001",
            body="Your appointment is booked",
            purpose="appointment_booked",
            status="sent",
        )
    )
    session.commit()
    return {"tenancy": tenancy, "repair": repair, "older": older}


def test_the_household_page_shows_people_needs_preferences_and_every_repair(
    client_request, signed_in, household
):
    signed_in("agent")
    page = client_request.get("/staff/households/TV-000001")
    text = visible_text(page)
    assert "Zainab Rahman – Lead tenant" in text and "Omar Rahman – Joint tenant" in text
    rows = summary_rows(page.split("Omar Rahman")[0])
    assert rows["Vulnerability"] == "Older person, Relies on medical equipment"
    assert rows["Needs an interpreter"] == "Yes"
    assert rows["Language"].lower().startswith("pol")  # Polish, named in the reader's language
    assert rows["Prefers to hear by"] == "WhatsApp"
    assert rows["Agreed to receive"] == "texts, WhatsApp"
    assert household["repair"].reference in text and household["older"].reference in text
    assert "2 repairs at this home, 1 open" in text
    # The timeline is on the page (in a details element: readable without JavaScript).
    assert "Tenant rang; prefers mornings" in text
    assert "Alex Agent (Staff, Phone call)" in text


def test_an_unknown_household_or_repair_is_not_found(client_request, signed_in, household):
    signed_in("agent")
    client_request.get("/staff/households/TV-999999", status=404)
    client_request.get("/staff/repairs/ZZZ-ZZZZ", status=404)
    client_request.get("/staff/repairs/ZZZ-ZZZZ/audit.csv", status=404)


def test_the_repair_page_shows_the_timeline_appointment_and_messages(
    client_request, signed_in, household
):
    signed_in("agent")
    page = client_request.get(f"/staff/repairs/{household['repair'].reference}")
    text = visible_text(page)
    assert "Appointment booked: Being assessed" not in text
    assert "Appointment booked" in text and "Your appointment is booked" in text
    assert "Change the appointment" in text and "Cancel the appointment" in text


def test_the_audit_trail_prints_every_event_in_order(client_request, signed_in, household):
    signed_in("supervisor")
    reference = household["repair"].reference
    text = visible_text(client_request.get(f"/staff/repairs/{reference}/audit"))
    assert "2 events, oldest first" in text
    assert text.index("Reported") < text.index("Tenant rang; prefers mornings")
    assert "window: – → morning" in text


def test_the_audit_trail_as_csv_has_every_event_and_is_safe_in_a_spreadsheet(
    client_request, signed_in, household
):
    signed_in("agent")
    reference = household["repair"].reference
    response = client_request.client.get(f"/staff/repairs/{reference}/audit.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f"audit-{reference}.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["event"] for r in rows] == ["reported", "booked"]
    assert [r["sequence"] for r in rows] == ["1", "2"]
    booked = rows[1]
    assert booked["actor"] == "Alex Agent" and booked["actor_kind"] == "staff"
    assert booked["channel"] == "phone"
    assert booked["from_status"] == "awaiting_appointment" and booked["to_status"] == "booked"
    assert booked["changes"] == '{"window": [null, "morning"]}'
    assert booked["note"] == "Tenant rang; prefers mornings"
    assert booked["occurred_at_utc"].startswith("2026-10-21T10:00:00")
    assert booked["occurred_at_london"] == "2026-10-21 11:00:00"


def test_a_cell_that_would_run_as_a_formula_is_made_plain_text(household):
    from portal.staff.csv_export import safe_cell

    assert safe_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert safe_cell("+44 7700") == "'+44 7700"
    assert safe_cell("@sum") == "'@sum"
    assert safe_cell("plain") == "plain" and safe_cell(5) == 5
