"""The performance page in a real browser, with satisfaction replies to show: the figure's
table and chart are there with or without JavaScript, and axe finds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from repairs.models import SatisfactionResponse
from repairs.models.base import utcnow
from tests.browser.test_staff_journey import _sign_in
from tests.browser_fixtures import assert_accessible
from tests.staff.conftest import create_member  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def replies(factories, session):
    home = factories.create_property(patch="East")
    done = utcnow() - timedelta(days=3)
    for score in (5, 5, 4, 1, None):
        repair = factories.create_repair(
            home, "completed", reported_at=done - timedelta(days=2), completed_at=done
        )
        if score is not None:
            session.add(
                SatisfactionResponse(
                    repair_id=repair.id,
                    score=score,
                    channel="sms",
                    first_answered_at=done + timedelta(hours=2),
                    answered_at=done + timedelta(hours=2),
                )
            )
    session.commit()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_satisfaction_figure_is_shown_and_accessible(
    browser,
    live_server,
    replies,
    create_member,  # noqa: F811
    javascript,
):
    context = browser.new_context(base_url=live_server, java_script_enabled=javascript)
    page = context.new_page()
    try:
        _sign_in(page, create_member("supervisor"))
        page.goto("/staff/performance?patch=East")
        table = page.locator("#table-satisfaction")
        expect(table.get_by_role("row", name="Replies")).to_contain_text("4")
        expect(table.get_by_role("row", name="Replies")).to_contain_text("80.0%")
        expect(table.get_by_role("row", name="Satisfied (score 4 or 5)")).to_contain_text("75.0%")
        expect(table.get_by_role("row", name="Mean score (out of 5)")).to_contain_text("3.75")
        expect(page.get_by_role("img", name="Replies by score")).to_be_visible()
        if javascript:
            assert_accessible(page)
    finally:
        context.close()
