"""Booking, changing and cancelling through the tenant's pages: slots grouped by day,
later dates then a call back, a calendar file, no changes on the day, no picker for
emergencies."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from common.calendar import local
from repairs.models import Appointment, Repair, WorkItem
from tests.html import visible_text
from tests.tenant_fixtures import hidden, radio_values
from tests.test_tenant_report import report_in_own_words, step


@pytest.fixture
def reported(client_request, signed_in, operatives):
    return report_in_own_words(client_request, "The kitchen tap is dripping all the time")


def _times(client_request, reference: str, query: str = "") -> str:
    step(client_request, f"/repairs/{reference}/book", {}, "/book/times")
    return client_request.get(f"/repairs/{reference}/book/times{query}")


def _book(client_request, reference: str, choice: int = 0):
    html = _times(client_request, reference)
    slots = radio_values(html, "slot")
    assert slots, "no times offered"
    response = client_request.client.post(
        f"/repairs/{reference}/book/times",
        data={
            "csrf_token": hidden(html, "csrf_token"),
            "slot": slots[choice],
            "key": hidden(html, "key"),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    assert response.headers["Location"].endswith(f"/repairs/{reference}/appointment")
    return slots[choice]


def _appointments(session, reference: str) -> list[Appointment]:
    session.expire_all()
    repair = session.scalar(select(Repair).where(Repair.reference == reference))
    return list(
        session.scalars(
            select(Appointment).where(Appointment.repair_id == repair.id).order_by(Appointment.id)
        )
    )


def test_times_are_grouped_by_day_in_london_time(client_request, reported):
    html = _times(client_request, reported)
    legends = [
        line
        for line in visible_text(html).split()
        if line in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert legends, "each day is a fieldset named by its weekday"
    assert "Morning, 08:00 to 12:00" in visible_text(
        html
    ) or "Afternoon, 12:00 to 16:00" in visible_text(html)


def test_book_then_confirm_with_a_calendar_file(client_request, session, reported):
    _book(client_request, reported)
    [appointment] = _appointments(session, reported)
    assert appointment.status == "booked" and appointment.channel == "web"
    page = visible_text(client_request.get(f"/repairs/{reported}/appointment"))
    assert "Appointment booked" in page
    ics = client_request.client.get(f"/repairs/{reported}/appointment.ics")
    body = ics.get_data(as_text=True)
    assert ics.headers["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and appointment.starts_at.strftime("%Y%m%dT%H%M%SZ") in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_a_double_submit_books_once(client_request, session, reported):
    html = _times(client_request, reported)
    slot = radio_values(html, "slot")[0]
    data = {"csrf_token": hidden(html, "csrf_token"), "slot": slot, "key": hidden(html, "key")}
    for _ in range(2):
        client_request.client.post(f"/repairs/{reported}/book/times", data=data)
    assert len(_appointments(session, reported)) == 1


def test_preferences_come_first(client_request, reported):
    step(client_request, f"/repairs/{reported}/book", {"days": ["2"], "windows": ["afternoon"]})
    html = client_request.get(f"/repairs/{reported}/book/times?day=2&window=afternoon")
    first_day = visible_text(html).split("Choose a time", 1)[1]
    assert "Wednesday" in first_day.split("Afternoon")[0] or "Afternoon" in first_day


def test_later_dates_then_a_call_back(client_request, session, reported):
    html = _times(client_request, reported)
    seen = set(radio_values(html, "slot"))
    link = re.search(r'href="([^"]*after=[^"]*)"', html).group(1).replace("&amp;", "&")
    for _ in range(40):
        page = client_request.get(link)
        offered = set(radio_values(page, "slot"))
        if not offered:
            break
        assert not offered & seen, "later dates are later"
        seen |= offered
        link = re.search(r'href="([^"]*after=[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "There are no more times before" in visible_text(page)
    step(client_request, f"/repairs/{reported}/call-me-back", {"note": "Evenings are best"})
    item = session.scalar(select(WorkItem).where(WorkItem.kind == "callback"))
    assert item is not None and item.note == "Evenings are best"


def test_rebook_moves_the_appointment(client_request, session, reported):
    first = _book(client_request, reported, 0)
    second = _book(client_request, reported, 1)
    assert first != second
    old, new = _appointments(session, reported)
    assert old.status == "rebooked" and new.status == "booked"
    assert "Appointment changed" in client_request.get(f"/repairs/{reported}")


def test_cancel_the_appointment_with_a_reason(client_request, session, reported):
    _book(client_request, reported)
    response = client_request.post_form(
        f"/repairs/{reported}/appointment/cancel", {"reason": "time", "details": "Away that week"}
    )
    assert response.headers["Location"].endswith(f"/repairs/{reported}")
    [appointment] = _appointments(session, reported)
    assert appointment.status == "cancelled"
    assert appointment.cancellation_reason == "The time no longer suits the tenant: Away that week"
    html = visible_text(client_request.get(f"/repairs/{reported}"))
    assert "Appointment cancelled" in html and "Choose an appointment" in html


def test_cancel_the_repair_needs_a_reason(client_request, session, reported):
    html = client_request.post_form(f"/repairs/{reported}/cancel", {}, status=200).get_data(
        as_text=True
    )
    assert "Select why you are cancelling" in html
    client_request.post_form(f"/repairs/{reported}/cancel", {"reason": "not_needed"})
    session.expire_all()
    repair = session.scalar(select(Repair).where(Repair.reference == reported))
    assert repair.status == "cancelled" and repair.cancellation_reason.startswith("The problem")


def test_no_changes_on_the_day(client_request, session, reported):
    _book(client_request, reported)
    [appointment] = _appointments(session, reported)
    now = datetime.now(UTC)
    appointment.starts_at = now + timedelta(minutes=30)
    appointment.ends_at = now + timedelta(hours=2)
    if local(appointment.starts_at).date() != local(now).date():
        pytest.skip("too close to midnight in London to put an appointment later today")
    session.commit()
    html = visible_text(client_request.get(f"/repairs/{reported}"))
    assert "cannot be changed on the day" in html
    assert "Cancel the appointment" not in html
    response = client_request.client.get(f"/repairs/{reported}/appointment/cancel")
    assert response.status_code == 302
    response = client_request.client.get(f"/repairs/{reported}/book/times")
    assert response.status_code == 302


def test_emergencies_show_when_someone_comes_not_a_picker(
    client_request, session, signed_in, operatives
):
    step(client_request, "/report", {"emergencies": "flooding"})
    step(client_request, "/report/emergency", {})
    step(client_request, "/report/details", {"description": "Burst pipe"})
    step(client_request, "/report/photos", {"done": "1"})
    reference = step(client_request, "/report/check", {}).rsplit("/", 1)[1]
    html = visible_text(client_request.get(f"/repairs/{reference}"))
    assert "Choose an appointment" not in html
    assert client_request.client.get(f"/repairs/{reference}/book").status_code == 302
    session.expire_all()
    repair = session.scalar(select(Repair).where(Repair.reference == reference))
    if repair.status == "dispatched":
        assert "should arrive by" in html


@pytest.mark.parametrize("slot", ["", "\x00", "not-a-slot", "x" * 500, "²", "1' OR '1'='1"])
def test_odd_slots_are_refused_by_the_field(client_request, session, reported, slot):
    html = _times(client_request, reported)
    data = {"csrf_token": hidden(html, "csrf_token"), "slot": slot, "key": hidden(html, "key")}
    response = client_request.client.post(f"/repairs/{reported}/book/times", data=data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.get_data(as_text=True)
    assert _appointments(session, reported) == []
