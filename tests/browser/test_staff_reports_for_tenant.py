"""Done when (issue 13): in a real browser an agent finds the demo tenant by a misspelt
surname ("Rahmen" for Zainab Rahman, as the demo seed has her), raises a repair on her
behalf through the tenant's own journey, books it while she is on the phone, and then
her portal and the development outbox show it, raised by the contact centre. Every page
is checked by axe; the agent's side works without JavaScript too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.driver import Driver
from tests.staff.conftest import PASSWORD, create_member  # noqa: F401

pytestmark = pytest.mark.browser

MOBILE = "+447700900001"


def _raise_and_book(me: Driver, agent) -> str:
    page = me.page
    page.goto("/staff/sign-in")
    me.at("Staff sign in")
    me.fill("Email address", agent.email)
    me.fill("Password", PASSWORD)
    me.press("Sign in")
    me.at("Find a tenant")
    me.fill("Search for a tenant or a repair", "Rahmen")
    me.press("Search")
    expect(page.get_by_role("heading", name="1 household found")).to_be_visible()
    me.follow("Zainab Rahman")
    me.at("Zainab Rahman")
    me.follow("Report a repair for this household")
    me.at("Is any of these happening now?")
    expect(page.get_by_text("For Zainab Rahman")).to_be_visible()
    me.tick("None of these")
    expect(page.get_by_label("Phone call")).to_be_checked()
    me.press("Continue")
    me.at("Where is the problem?")
    me.choose("I am not sure: describe it in my own words")
    me.press("Continue")
    me.at("Describe the problem")
    me.fill("Describe the problem", "The kitchen tap has been dripping all the time since Monday")
    me.press("Continue")
    me.at("Is it one of these?")
    me.choose("Tap is dripping")
    me.press("Continue")
    me.at("Check your answers before sending your report")
    answers = page.locator(".govuk-summary-list")
    expect(answers).to_contain_text("How the tenant is in touch")
    expect(answers).to_contain_text("Tap is dripping")
    me.press("Send report")
    me.at("Book an appointment")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("The tenant has been sent the reference")
    reference = re.search(r"Repair (\S+) reported", banner.inner_text()).group(1)
    me.choose(nth=0, group="slot")
    expect(page.get_by_label("Phone call")).to_be_checked()
    me.press("Book this time")
    expect(page.get_by_text("The tenant has been sent the details")).to_be_visible()
    me.at(reference)
    expect(page.locator(".govuk-summary-list")).to_contain_text(agent.name)
    return reference


def _tenant_sees_it(me: Driver, reference: str) -> None:
    page = me.page
    page.goto("/sign-in")
    me.at("Mobile phone number")
    me.fill("Mobile phone number", "07700 900 001")
    me.press("Continue")
    me.at("Check your phone")
    me.fill("Security code", me.code_from_outbox(MOBILE))
    me.press("Continue")
    me.at("Confirm your tenancy")
    me.fill("Tenancy reference", "TV-000001")
    me.fill("Postcode of your home", "NG4 4NN")
    me.press("Sign in")
    me.at("Your repairs")
    me.follow(reference)
    me.at(reference)
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Reported for you by")
    expect(summary).to_contain_text("Our contact centre")
    expect(summary).to_contain_text("Phone call")
    history = page.locator(".app-timeline")
    expect(history).to_contain_text("Reported")
    expect(history).to_contain_text("Appointment booked")


def _outbox_shows_it(me: Driver, reference: str) -> None:
    page = me.page
    page.goto("/dev/outbox")
    me.at("Development outbox")
    received = page.locator("tr[data-purpose=repair_received]", has_text=reference)
    expect(received).to_contain_text(MOBILE)
    expect(received).to_contain_text(f"we have your repair {reference}")
    booked = page.locator("tr[data-purpose=appointment_booked]", has_text=reference)
    expect(booked).to_contain_text(MOBILE)
    expect(booked).to_contain_text(f"repair {reference} is booked for")


def test_an_agent_raises_and_books_a_repair_the_tenant_then_sees(
    browser,
    live_server,
    page,
    demo_tenant,
    operatives,
    create_member,  # noqa: F811
):
    agent = create_member("agent")
    reference = _raise_and_book(Driver(page), agent)
    # The tenant, in a browser of her own.
    context = browser.new_context(base_url=live_server)
    try:
        tenant = Driver(context.new_page())
        _tenant_sees_it(tenant, reference)
        _outbox_shows_it(tenant, reference)
    finally:
        context.close()


def test_the_agents_side_works_without_javascript(
    page_without_js,
    demo_tenant,
    operatives,
    create_member,  # noqa: F811
):
    me = Driver(page_without_js, axe=False)
    reference = _raise_and_book(me, create_member("agent"))
    _outbox_shows_it(me, reference)
