"""The walking skeleton in a real browser: sign in, see repairs; accessible, with or without JS."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_accessible

# Starting Chromium alone takes seconds, so these are slow as well as browser tests.
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def household(factories, session):
    _, tenancy = factories.create_tenant(mobile="+447700900001", reference="TV-000001")
    repair = factories.create_repair(tenancy.home, description="Kitchen tap drips all night")
    session.commit()
    return repair


def _sign_in(page):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Mobile phone number").fill("07700 900 001")
    page.get_by_label("Tenancy reference").fill("tv-000001")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/repairs$"))


def test_a_tenant_signs_in_and_opens_a_repair(page, household):
    _sign_in(page)
    expect(page.get_by_role("heading", name="Your repairs")).to_be_visible()
    page.get_by_role("link", name=household.reference).click()
    expect(page.get_by_text("Kitchen tap drips all night")).to_be_visible()
    expect(page.get_by_role("heading", name="History")).to_be_visible()


def test_the_journey_works_without_javascript(page_without_js, household):
    _sign_in(page_without_js)
    expect(page_without_js.get_by_role("link", name=household.reference)).to_be_visible()


def test_the_pages_of_the_journey_have_no_axe_violations(page, household):
    page.goto("/")
    assert_accessible(page)
    page.goto("/sign-in")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()  # empty: the error summary shows
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Mobile phone number").fill("07700 900 001")
    page.get_by_label("Tenancy reference").fill("TV-000001")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/repairs$"))
    assert_accessible(page)
    page.get_by_role("link", name=household.reference).click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    assert_accessible(page)
    page.goto("/language/pl")
    assert_accessible(page)
    page.goto("/no-such-page")
    assert_accessible(page)


def test_the_landlord_brand_not_the_crown_or_gds_typeface(page, household):
    page.goto("/")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "GDS Transport" not in font
    assert page.locator(".govuk-header__logotype, .govuk-logo").count() == 0
    assert page.get_by_role("link", name="Trent Vale Homes").is_visible()


def test_the_error_summary_links_move_focus_to_the_field(page, household):
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in").click()
    page.locator(".govuk-error-summary a").first.click()
    expect(page.locator("#mobile")).to_be_focused()
