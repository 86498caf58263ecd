"""The tenant's pages in Polish: every string of theirs is translated, and walking the
pages in Polish shows none of the English source text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.html import visible_text
from tests.test_tenant_booking import _book
from tests.test_tenant_report import report_in_own_words, step

ROOT = Path(__file__).resolve().parent.parent
# Where the tenant's words come from; the triage rules' texts are translated separately.
TENANT_SOURCES = (
    "portal/tenant/",
    "portal/journey/",
    "portal/sessions.py",
    "portal/templating.py",
    "portal/errors.py",
    "templates/tenant/",
    "templates/repairs/",
    "templates/base.html",
    "templates/errors/",
    "templates/govuk_frontend_jinja/",
    "repairs/services/",
    "repairs/messaging/",
)
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%\{count\}|%\{count\}")


def _catalogue():
    with (ROOT / "translations" / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def _tenant_messages():
    return [
        m
        for m in _catalogue()
        if m.id and any(loc.startswith(TENANT_SOURCES) for loc, _line in m.locations)
    ]


def test_every_tenant_string_has_a_polish_translation():
    untranslated = [
        m.id
        for m in _tenant_messages()
        if m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    assert not untranslated, untranslated


def _english_fragments() -> list[str]:
    """Fixed runs of English long enough to be telling, that Polish does not share."""
    fragments = []
    for m in _tenant_messages():
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in ids:
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" .:,;()")
                if len(piece) >= 14 and not any(piece in s for s in strings):
                    fragments.append(piece)
    return fragments


@pytest.fixture
def in_polish(client_request, signed_in):
    client_request.client.get("/language/pl")
    return client_request


def test_walking_the_tenant_pages_in_polish_shows_no_english(in_polish, session, operatives):
    client_request = in_polish
    reference = report_in_own_words(client_request, "The kitchen tap is dripping all the time")
    _book(client_request, reference)
    pages = [
        "/",
        "/repairs",
        f"/repairs/{reference}",
        f"/repairs/{reference}/appointment",
        f"/repairs/{reference}/book",
        f"/repairs/{reference}/appointment/cancel",
        f"/repairs/{reference}/cancel",
        f"/repairs/{reference}/call-me-back",
        "/account",
        "/account/messages",
        "/account/language",
        "/account/reminders",
        "/account/sign-out-everywhere",
        "/sign-out",
        "/report",
        "/no-such-page",
    ]
    texts = [
        visible_text(client_request.get(url, status=404 if "no-such" in url else 200))
        for url in pages
    ]
    texts.append(visible_text(_times_page(client_request, reference)))
    step(client_request, "/report", {"emergencies": "none"})
    for url in ("/report/where",):
        texts.append(visible_text(client_request.get(url)))
    step(client_request, "/report/where", {"where": "kitchen"})
    texts.append(visible_text(client_request.get("/report/what")))
    step(client_request, "/report/what", {"what": "kitchen_sink"})
    texts.append(visible_text(client_request.get("/report/which")))
    step(client_request, "/report/which", {"which": "kitchen_sink_blocked"})
    texts.append(visible_text(client_request.get("/report/details")))
    html = client_request.post_form("/report/details", {"description": "x" * 2001}, status=200)
    texts.append(visible_text(html.get_data(as_text=True)))  # an error, in Polish
    step(client_request, "/report/details", {"description": ""})
    texts.append(visible_text(client_request.get("/report/photos")))
    step(client_request, "/report/photos", {"done": "1"})
    texts.append(visible_text(client_request.get("/report/check")))
    fragments = _english_fragments()
    assert len(fragments) > 100
    shown = [(f, text[:60]) for text in texts for f in fragments if f in text]
    assert not shown, shown


def _times_page(client_request, reference):
    step(client_request, f"/repairs/{reference}/book", {})
    return client_request.get(f"/repairs/{reference}/book/times")
