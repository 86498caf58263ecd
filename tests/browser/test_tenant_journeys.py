"""The tenant's journeys in a real browser (the system's Chromium), with zero axe-core
violations on every page: sign in with the code from the development outbox, report a
repair in their own words, book, follow the timeline, rebook and cancel. Once with a
mouse, once with the keyboard alone, once with JavaScript switched off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.driver import Driver

pytestmark = pytest.mark.browser


def sign_in(me: Driver) -> None:
    me.page.goto("/")
    me.at("Report and track a repair")
    me.follow("Start now")
    me.at("Mobile phone number")
    me.fill("Mobile phone number", "07700 900 001")
    me.press("Continue")
    me.at("Check your phone")
    expect(me.page.get_by_label("Security code")).to_have_attribute("autocomplete", "one-time-code")
    me.fill("Security code", me.code_from_outbox())
    me.press("Continue")
    me.at("Confirm your tenancy")
    me.fill("Tenancy reference", "TV-000001")
    me.fill("Postcode of your home", "NG4 4NN")
    me.press("Sign in")
    me.at("Your repairs")


def report_in_own_words(me: Driver) -> str:
    me.follow("Report a repair")
    me.at("Is any of these happening now?")
    me.tick("None of these")
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
    me.at("Add photos (optional)")
    me.press("Continue")
    me.at("Check your answers before sending your report")
    me.press("Send report")
    me.at("Repair reported")
    panel = me.page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{3}-[0-9A-Z]{4}", panel)
    return panel


def book(me: Driver, *, nth: int) -> None:
    me.at("When suits you?")
    me.press("Show times")
    me.at("Choose a")
    me.choose(nth=nth, group="slot")
    me.press("Book this time")
    me.at("Appointment booked")


def the_whole_journey(me: Driver) -> None:
    sign_in(me)
    reference = report_in_own_words(me)
    me.follow("Choose an appointment")
    book(me, nth=0)
    first = me.page.locator(".govuk-panel__body").inner_text()
    me.follow("Follow this repair")
    me.at(reference)
    history = me.page.locator(".app-timeline")
    expect(history).to_contain_text("Reported")
    expect(history).to_contain_text("Appointment booked")
    me.follow("Change the appointment")
    book(me, nth=1)
    assert me.page.locator(".govuk-panel__body").inner_text() != first
    me.follow("Follow this repair")
    me.at(reference)
    expect(me.page.locator(".app-timeline")).to_contain_text("Appointment changed")
    me.follow("Cancel the appointment")
    me.at("Cancel your appointment")
    me.choose("The time no longer suits me")
    me.press("Cancel your appointment")
    me.at(reference)
    expect(me.page.locator(".app-timeline")).to_contain_text("Appointment cancelled")
    me.follow("Cancel this repair")
    me.at(f"Cancel repair {reference}")
    me.choose("The problem has gone or is fixed")
    me.press(f"Cancel repair {reference}")
    me.at(reference)
    expect(me.page.locator(".govuk-summary-list")).to_contain_text("Cancelled")


def test_the_journey_with_a_mouse(page, demo_tenant, operatives):
    the_whole_journey(Driver(page))


def test_the_journey_with_the_keyboard_alone(page, demo_tenant, operatives):
    the_whole_journey(Driver(page, keyboard=True, axe=False))


def test_the_journey_without_javascript(page_without_js, demo_tenant, operatives):
    the_whole_journey(Driver(page_without_js, axe=False))


def test_errors_are_summarised_and_link_to_their_field(page, demo_tenant):
    me = Driver(page)
    page.goto("/sign-in")
    me.press("Continue")
    me.at("Mobile phone number")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your mobile phone number")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.locator("a").first.click()
    expect(page.locator("#mobile")).to_be_focused()


def test_the_other_pages_have_no_axe_violations(page, demo_tenant, operatives):
    me = Driver(page)
    sign_in(me)
    me.follow("Your account")
    me.at("Your account")
    page.goto("/account/messages")
    me.at("How should we send you messages")
    page.goto("/account/language")
    me.at("Which language should we use?")
    page.goto("/account/reminders")
    me.at("Do you want a reminder")
    page.goto("/account/sign-out-everywhere")
    me.at("Sign out everywhere")
    page.goto("/report")
    me.tick("Can you smell gas?")
    me.press("Continue")
    me.at("Call the emergency services now")
    expect(page.get_by_text("0800 111 999").first).to_be_visible()
    page.goto("/report")
    page.get_by_label("Can you smell gas?").uncheck()
    me.press("Continue")  # nothing chosen: the error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    me.at("Is any of these happening now?")
    me.tick("None of these")
    me.press("Continue")
    me.at("Where is the problem?")
    me.choose("Kitchen")
    me.press("Continue")
    me.at("What is the problem?")
    page.goto("/language/pl?next=/repairs")
    me.at("Twoje naprawy")
    page.goto("/no-such-page")
    me.at("Nie znaleziono strony")
    page.goto("/sign-out")
    me.at("Wyloguj")


def test_the_landlord_brand_not_the_crown_or_gds_typeface(page):
    page.goto("/")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "GDS Transport" not in font
    assert page.locator(".govuk-header__logotype, .govuk-logo").count() == 0
    assert page.get_by_role("link", name="Trent Vale Homes").is_visible()


def test_a_320_pixel_screen_needs_no_sideways_scrolling(
    browser, live_server, demo_tenant, operatives, factories, session
):
    home = demo_tenant[1].home
    for n in range(3):
        factories.create_repair(home, description=f"A long description of problem {n} " * 3)
    session.commit()
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 640})
    me = Driver(context.new_page(), axe=False)
    sign_in(me)
    reference = report_in_own_words(me)
    for url in (
        "/",
        "/repairs",
        f"/repairs/{reference}",
        f"/repairs/{reference}/book",
        f"/repairs/{reference}/book/times",
        "/report",
        "/report/where",
        "/account",
    ):
        me.page.goto(url)
        width = me.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (url, width)
    context.close()
