"""Reading pages the way a person does: visible text, not markup, with the stdlib parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _SummaryList(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, str] = {}
        self._cell: str | None = None
        self._key = ""
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "dt" and "govuk-summary-list__key" in classes:
            self._cell, self._buffer = "key", []
        elif tag == "dd" and "govuk-summary-list__value" in classes:
            self._cell, self._buffer = "value", []

    def handle_endtag(self, tag):
        if tag in {"dt", "dd"} and self._cell:
            text = " ".join("".join(self._buffer).split())
            if self._cell == "key":
                self._key = text
            else:
                self.rows[self._key] = text
            self._cell = None

    def handle_data(self, data):
        if self._cell:
            self._buffer.append(data)


def summary_rows(html: str) -> dict[str, str]:
    """A GOV.UK summary list as {key: value}, in visible text."""
    parser = _SummaryList()
    parser.feed(html)
    return parser.rows


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
