"""The contact centre in a real browser: a supervisor signs in with a code from an
authenticator app, finds the demo tenant by a misspelt surname, opens the household and
books an appointment for an open repair while the tenant is on the phone; the booking is
in the household's timeline and in the development outbox. Every page is checked by axe,
and the journey works without JavaScript too."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from repairs.models import Appointment
from repairs.models.base import utcnow
from tests.browser_fixtures import assert_accessible
from tests.scheduling.conftest import CENTRE, create_operative  # noqa: F401
from tests.staff.conftest import PASSWORD, code, create_member  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(factories, session, create_operative, create_member):  # noqa: F811
    create_operative(trades=("plumber",))
    home = factories.create_property(
        address_line_1="Flat 1",
        address_line_2="Campbell Tower, Bestwood Road",
        postcode="NG4 4NN",
        latitude=CENTRE[0] + 0.01,
        longitude=CENTRE[1],
    )
    zainab, _ = factories.create_tenant(
        home=home,
        mobile="+447700900001",
        reference="TV-000001",
        given_name="Zainab",
        family_name="Rahman",
        vulnerabilities=["infant"],
    )
    now = utcnow()
    repair = factories.create_repair(
        home,
        status="awaiting_appointment",
        description="Kitchen tap drips all night",
        reported_at=now - timedelta(hours=4),
        target_at=now + timedelta(days=28),
        reported_by_id=zainab.id,
        estimated_minutes=60,
    )
    session.commit()
    return {"repair": repair, "supervisor": create_member("supervisor")}


def _sign_in(page, staff, check=False):
    page.goto("/staff/sign-in")
    if check:
        assert_accessible(page)
    page.get_by_label("Email address").fill(staff.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    if check:
        assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(code())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Find a tenant")).to_be_visible()


def _journey(page, demo, check=False):
    repair = demo["repair"]
    _sign_in(page, demo["supervisor"], check)
    if check:
        assert_accessible(page)
    page.get_by_label("Search for a tenant or a repair").fill("Rahmen")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 household found")).to_be_visible()
    if check:
        assert_accessible(page)
    page.get_by_role("link", name="Zainab Rahman").click()
    expect(page.get_by_role("heading", name="Zainab Rahman", exact=True)).to_be_visible()
    expect(page.get_by_text("Infant in the home")).to_be_visible()
    if check:
        assert_accessible(page)
    page.get_by_role("link", name=repair.reference).click()
    expect(page.get_by_role("heading", name=repair.reference, exact=True)).to_be_visible()
    if check:
        assert_accessible(page)
    page.get_by_role("link", name="Book an appointment").click()
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    if check:
        assert_accessible(page)
    first = page.locator("input[name=slot]").first
    chosen = page.locator(f"label[for='{first.get_attribute('id')}']").inner_text()
    first.check()
    expect(page.get_by_label("Phone call")).to_be_checked()
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_text("The tenant has been sent the details")).to_be_visible()
    expect(page.get_by_text(chosen.split(" (")[0].split(",")[0])).not_to_have_count(0)
    page.get_by_role("link", name="Back to the household").click()
    page.get_by_text(re.compile(r"Timeline \(\d+ events?\)")).first.click()
    timeline = page.get_by_role("table", name=f"Timeline of {repair.reference}")
    expect(timeline.get_by_text("Appointment booked")).to_be_visible()
    expect(timeline.get_by_text(f"{demo['supervisor'].name} (Staff, Phone call)")).to_be_visible()
    page.goto("/dev/outbox")
    message = page.locator("tr[data-purpose=appointment_booked]")
    expect(message).to_contain_text("+447700900001")
    expect(message).to_contain_text(f"repair {repair.reference} is booked for")


def test_a_supervisor_finds_the_tenant_by_a_misspelt_name_and_books_on_the_phone(page, demo):
    _journey(page, demo, check=True)


def test_the_same_journey_works_without_javascript(page_without_js, demo):
    _journey(page_without_js, demo)


@pytest.mark.parametrize("javascript", [True, False])
def test_show_times_keeps_the_channel_the_agent_chose(
    browser, live_server, demo, session, javascript
):
    context = browser.new_context(base_url=live_server, java_script_enabled=javascript)
    page = context.new_page()
    try:
        _sign_in(page, demo["supervisor"])
        page.goto(f"/staff/repairs/{demo['repair'].reference}/appointment")
        page.get_by_role("radio", name="Letter").check()
        page.get_by_role("checkbox", name="Afternoon").check()
        page.get_by_role("button", name="Show times").click()
        expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
        expect(page.get_by_role("radio", name="Letter")).to_be_checked()
        expect(page.get_by_role("checkbox", name="Afternoon")).to_be_checked()
        page.locator("input[name=slot]").first.check()
        page.get_by_role("button", name="Book this time").click()
        expect(page.get_by_text("The tenant has been sent the details")).to_be_visible()
        mine = Appointment.repair_id == demo["repair"].id
        assert session.scalar(select(Appointment.channel).where(mine)) == "letter"
    finally:
        context.close()


def test_the_other_staff_pages_have_no_axe_violations(
    page,
    demo,
    create_member,  # noqa: F811
):
    admin = create_member("admin")
    _sign_in(page, admin)
    reference = demo["repair"].reference
    for url in (
        "/staff/queues",
        "/staff/queues/no_appointment",
        "/staff/performance",
        f"/staff/repairs/{reference}/audit",
        f"/staff/repairs/{reference}/triage",
        "/staff/admin/staff",
        "/staff/admin/staff/new",
        f"/staff/admin/staff/{demo['supervisor'].id}",
        "/staff/account",
        "/staff/account/password",
        "/staff/search?q=nobody-at-all",
    ):
        response = page.goto(url)
        assert response.status in (200, 403), url
        assert_accessible(page)
    page.goto("/staff/admin/staff/new")
    page.get_by_role("button", name="Add the account").click()  # empty: errors show
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_setting_up_the_app_is_accessible(page, create_member):  # noqa: F811
    supervisor = create_member("supervisor", app=False)
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(supervisor.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    assert_accessible(page)
