"""Bot fixtures: Twilio's signed webhook as Twilio sends it, and a household to text from.

Requests are signed with Twilio's own ``RequestValidator`` against the configured
``PUBLIC_BASE_URL``, which is not the address the test client uses: the check holds
behind a proxy, as in production.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from twilio.request_validator import RequestValidator

from repairs.models import Block
from tests.fakes.twilio_api import AUTH_TOKEN as FAKE_AUTH_TOKEN
from tests.fakes.twilio_media import FakeTwilioMedia, Server
from tests.scheduling.conftest import CENTRE, create_operative  # noqa: F401

AUTH_TOKEN = "test-auth-token-0123456789abcdef"
ACCOUNT_SID = "AC" + "0" * 32
PUBLIC_BASE_URL = "https://repairs.example.org"
DEMO_MOBILE = "+447700900001"
INBOUND = "/bot/twilio/inbound"


@dataclass
class Answer:
    status: int
    replies: list[str]
    body: str

    @property
    def text(self) -> str:
        return "\n".join(self.replies)


def replies_of(xml: str) -> list[str]:
    if not xml.strip():
        return []
    # Our own TwiML, just produced by the app under test.
    return [m.text or "" for m in ET.fromstring(xml).iter("Message")]  # noqa: S314


class Phone:
    """A tenant's phone: each ``send`` is one message, signed and posted as Twilio does."""

    def __init__(self, client, sender: str = DEMO_MOBILE, channel: str = "sms") -> None:
        self.client = client
        self.sender = sender
        self.channel = channel

    def form(self, body: str, *, sid: str | None = None, media=(), sender=None) -> dict:
        sender = sender or self.sender
        prefix = "whatsapp:" if self.channel == "whatsapp" else ""
        form = {
            "MessageSid": sid or "SM" + uuid.uuid4().hex,
            "AccountSid": ACCOUNT_SID,
            "From": prefix + sender,
            "To": prefix + "+441154960999",
            "Body": body,
            "NumMedia": str(len(media)),
        }
        for n, (url, content_type) in enumerate(media):
            form[f"MediaUrl{n}"] = url
            form[f"MediaContentType{n}"] = content_type
        return form

    def post(self, form: dict, signature: str | None = None, path: str = INBOUND) -> Answer:
        if signature is None:
            signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + path, form)
        response = self.client.post(path, data=form, headers={"X-Twilio-Signature": signature})
        body = response.get_data(as_text=True)
        replies = replies_of(body) if response.mimetype == "text/xml" else []
        return Answer(response.status_code, replies, body)

    def send(self, body: str, **kwargs) -> Answer:
        answer = self.post(self.form(body, **kwargs))
        assert answer.status == 200, answer.body
        return answer


@pytest.fixture
def twilio(app, monkeypatch):
    """The app configured as production is: Twilio's token and the public address."""
    monkeypatch.setitem(app.config, "TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    monkeypatch.setitem(app.config, "TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", PUBLIC_BASE_URL)


@pytest.fixture
def phone(client, twilio) -> Phone:
    return Phone(client)


@pytest.fixture
def operatives(create_operative):  # noqa: F811
    """Enough trades near the centre for every routine job these tests book."""
    return [
        create_operative(trades=("plumber", "general_operative", "carpenter")),
        create_operative(trades=("electrician", "general_operative", "plasterer")),
    ]


@pytest.fixture
def demo_tenant(factories, session):
    """The demo tenant's mobile and tenancy reference, in a flat of a block."""
    block = Block(
        uprn="100000000777",
        name="Trent House",
        address_line_1="1 Trent Street",
        postcode="NG1 1AA",
        latitude=CENTRE[0],
        longitude=CENTRE[1],
        patch="Central",
        storeys=8,
        lifts=1,
    )
    session.add(block)
    session.flush()
    home = factories.create_property(
        latitude=CENTRE[0] + 0.002,
        longitude=CENTRE[1],
        block_id=block.id,
        kind="flat",
        address_line_1="Flat 12, Trent House",
        postcode="NG1 1AA",
    )
    person, tenancy = factories.create_tenant(
        mobile=DEMO_MOBILE,
        home=home,
        reference="TV-000001",
        given_name="Zainab",
        family_name="Rahman",
    )
    session.commit()
    return person, tenancy, home


@pytest.fixture
def twilio_token(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWILIO_AUTH_TOKEN", FAKE_AUTH_TOKEN)
    return FAKE_AUTH_TOKEN


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


@pytest.fixture
def twilio_media(app, monkeypatch, twilio):
    """A fake of Twilio's media API, where the app fetches WhatsApp photos from."""
    with Server(FakeTwilioMedia(ACCOUNT_SID, AUTH_TOKEN)) as fake:
        monkeypatch.setitem(app.config, "TWILIO_API_BASE_URL", fake.base_url)
        yield fake


@pytest.fixture
def whatsapp(client, twilio) -> Phone:
    return Phone(client, channel="whatsapp")
