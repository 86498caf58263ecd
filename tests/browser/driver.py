"""A person at the browser: with a mouse, or with the keyboard alone.

The keyboard driver never clicks: it reaches each control by Tab (and the arrow keys in a
radio group, as a keyboard user does), types, and presses Enter or Space. A control it
cannot reach that way fails the test.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser_fixtures import assert_accessible

MAX_TABS = 200
CODE = re.compile(r"\b(\d{6})\b")


class Driver:
    def __init__(self, page: Page, *, keyboard: bool = False, axe: bool = True) -> None:
        self.page = page
        self.keyboard = keyboard
        self.axe = axe

    # --- looking
    def at(self, heading: str) -> None:
        """The page whose main heading is ``heading``; zero axe violations on it."""
        expect(self.page.locator("h1").first).to_contain_text(heading)
        if self.axe:
            assert_accessible(self.page)

    # --- doing
    def _focused(self, target: Locator) -> bool:
        return target.evaluate("el => el === document.activeElement")

    def _tab_to(self, target: Locator) -> None:
        target.wait_for(state="attached")
        for _ in range(MAX_TABS):
            if self._focused(target):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"could not reach {target} with the Tab key")

    def fill(self, label: str, text: str) -> None:
        field = self.page.get_by_label(label, exact=True)
        if not self.keyboard:
            field.fill(text)
            return
        self._tab_to(field)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def choose(self, label: str | None = None, *, nth: int | None = None, group: str = "") -> None:
        """Select a radio button by its label (or the ``nth`` of the group ``group``)."""
        radios = self.page.locator(f"input[type=radio][name='{group}']") if group else None
        target = radios.nth(nth) if nth is not None else self.page.get_by_label(label, exact=True)
        if not self.keyboard:
            target.check()
            return
        name = target.get_attribute("name")
        group_radios = self.page.locator(f"input[type=radio][name='{name}']")
        for _ in range(MAX_TABS):
            if group_radios.evaluate_all("els => els.includes(document.activeElement)"):
                break
            self.page.keyboard.press("Tab")
        for _ in range(group_radios.count() + 1):
            if self._focused(target):
                break
            self.page.keyboard.press("ArrowDown")
        assert self._focused(target), "the arrow keys did not reach the radio"
        self.page.keyboard.press("Space")
        expect(target).to_be_checked()

    def tick(self, label: str) -> None:
        box = self.page.get_by_label(label, exact=True)
        if not self.keyboard:
            box.check()
            return
        self._tab_to(box)
        self.page.keyboard.press("Space")
        expect(box).to_be_checked()

    def press(self, name: str) -> None:
        button = self.page.get_by_role("button", name=name, exact=True).first
        if not self.keyboard:
            button.click()
            return
        self._tab_to(button)
        self.page.keyboard.press("Enter")

    def follow(self, name: str) -> None:
        # A link styled as a button (a start button) has the role button. On a narrow
        # screen the navigation's links fold behind its menu button once the page's
        # script has run, so the page is let finish loading and the visible one of the
        # same name is followed.
        self.page.wait_for_load_state("load")
        link = (
            self.page.get_by_role("link", name=name, exact=True)
            .or_(self.page.locator(f"a[role=button]:text-is('{name}')"))
            .filter(visible=True)
            .first
        )
        if not self.keyboard:
            link.click()
            return
        self._tab_to(link)
        self.page.keyboard.press("Enter")

    # --- the phone
    def code_from_outbox(self, mobile: str = "+447700900001") -> str:
        """Read the sign-in code where a person trying the app would: the development outbox."""
        back = self.page.url
        self.page.goto("/dev/outbox")
        row = self.page.locator("tr[data-purpose='sign_in_code']", has_text=mobile).first
        code = CODE.search(row.locator(".app-message-body").inner_text()).group(1)
        self.page.goto(back)
        return code
