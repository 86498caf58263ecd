"""The development phone in a real browser: text the bot, read its answer; accessible."""

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def tenant(factories, session):
    factories.create_tenant(mobile="+447700900001", reference="TV-000001")
    session.commit()


def test_texting_the_bot_from_the_phone_page(page, tenant):
    page.goto("/dev/phone")
    assert_accessible(page)
    page.get_by_label("Message").fill("help")
    page.get_by_role("button", name="Send").click()
    conversation = page.locator("#conversation")
    expect(conversation.get_by_text("Text us what is wrong to report a repair.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()  # empty: the error summary shows
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
