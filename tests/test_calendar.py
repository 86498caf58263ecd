"""GET /calendar/<token>.ics: the appointment in a text message's link, as a calendar file."""

from __future__ import annotations

from datetime import timedelta

import pytest

from repairs.models import Appointment
from repairs.models.base import utcnow


@pytest.fixture
def appointment(factories, session):
    def make(status="booked", starts=None, language="en"):
        home = factories.create_property()
        person, _ = factories.create_tenant(home=home, preferred_language=language)
        repair = factories.create_repair(home, status="booked", reported_by_id=person.id)
        starts = starts or utcnow().replace(microsecond=0) + timedelta(days=3)
        row = Appointment(
            repair_id=repair.id,
            window="morning",
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            status=status,
            channel="web",
            booked_at=utcnow(),
            calendar_token=f"tok{repair.id:013d}",
        )
        session.add(row)
        session.commit()
        return row

    return make


def _lines(answer) -> dict[str, str]:
    text = answer.get_data(as_text=True).replace("\r\n ", "")
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line)


def test_a_booked_appointment_is_a_confirmed_event(client, appointment):
    booked = appointment()
    answer = client.get(f"/calendar/{booked.calendar_token}.ics")
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    assert answer.headers["Cache-Control"] == "no-store"
    lines = _lines(answer)
    assert lines["DTSTART"] == booked.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert lines["DTEND"] == booked.ends_at.strftime("%Y%m%dT%H%M%SZ")
    assert (lines["STATUS"], lines["METHOD"]) == ("CONFIRMED", "PUBLISH")
    assert booked.repair.reference in lines["SUMMARY"]
    assert all(len(line.encode()) <= 75 for line in answer.get_data(as_text=True).split("\r\n"))


def test_a_cancelled_appointment_is_served_as_cancelled(client, appointment):
    cancelled = appointment(status="rebooked")
    lines = _lines(client.get(f"/calendar/{cancelled.calendar_token}.ics"))
    assert (lines["STATUS"], lines["METHOD"]) == ("CANCELLED", "CANCEL")


def test_the_event_reads_in_the_tenants_language(client, appointment):
    booked = appointment(language="pl")
    lines = _lines(client.get(f"/calendar/{booked.calendar_token}.ics"))
    assert "Fachowiec przyjdzie" in lines["DESCRIPTION"]


@pytest.mark.parametrize("token", ["nope", "x" * 16, "../../etc/passwd", "a" * 40])
def test_an_unknown_or_malformed_token_is_not_found(client, appointment, token):
    appointment()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_link_stops_working_a_month_after_the_visit(client, appointment):
    old = appointment(status="attended", starts=utcnow() - timedelta(days=40))
    assert client.get(f"/calendar/{old.calendar_token}.ics").status_code == 404
