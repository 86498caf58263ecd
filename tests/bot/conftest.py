"""Twilio webhooks signed as Twilio signs them, with its own RequestValidator."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from twilio.request_validator import RequestValidator

from tests.fakes.twilio_api import AUTH_TOKEN


@pytest.fixture
def twilio_token(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    return AUTH_TOKEN


@pytest.fixture
def signed_post(app, client, twilio_token):
    """POST ``params`` to ``url`` (public or local) signed for the public address."""

    def post(url: str, params: dict[str, str], *, signed_for: str | None = None, token=None):
        public = app.config["PUBLIC_BASE_URL"]
        parts = urlsplit(url)
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        target = signed_for or public + local
        signature = RequestValidator(token or twilio_token).compute_signature(target, params)
        return client.post(local, data=params, headers={"X-Twilio-Signature": signature})

    return post
