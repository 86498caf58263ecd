"""Server-side sessions (idle timeout, lifetime, sign out everywhere, no-store) and the
development outbox page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from repairs.models import OutboundMessage, WebSession
from repairs.models.base import utcnow


@pytest.fixture
def signed_in_tenant(client_request, factories, session):
    from tests.tenant_helpers import sign_in

    person, tenancy = factories.create_tenant(mobile="+447700900555")
    session.commit()
    sign_in(client_request, session, person, tenancy)
    return person


def _age_sessions(session, **changes):
    session.execute(update(WebSession).values(**changes))
    session.commit()


def test_signed_in_pages_are_never_stored(client, signed_in_tenant):
    answer = client.get("/repairs")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"


def test_an_idle_session_ends(client, client_request, signed_in_tenant, session):
    _age_sessions(session, last_seen_at=utcnow() - timedelta(minutes=31))
    answer = client.get("/repairs")
    assert answer.status_code == 302 and "/sign-in" in answer.headers["Location"]
    page = client_request.get("/sign-in")
    assert "inactive" in page


def test_a_session_ends_after_its_lifetime_however_busy(client, signed_in_tenant, session):
    _age_sessions(session, created_at=utcnow() - timedelta(hours=12, minutes=1))
    assert client.get("/repairs").status_code == 302


def test_signing_out_everywhere_ends_other_browsers(app, client, signed_in_tenant, session):
    from portal.sessions import end_everywhere

    with app.app_context():
        assert end_everywhere("tenant", signed_in_tenant.id) == 1
    assert client.get("/repairs").status_code == 302


def test_signing_out_revokes_the_session_record(client_request, client, signed_in_tenant, session):
    cookie = client.get_cookie("session")
    client_request.post_form("/sign-out", {})
    assert session.query(WebSession).one().revoked_at is not None
    # Replaying the old cookie does not bring the session back.
    client.set_cookie("session", cookie.value)
    assert client.get("/repairs").status_code == 302


def test_the_development_outbox_lists_messages_newest_first(client_request, session):
    for n, body in enumerate(["first code 111111", "second code 222222"]):
        session.add(
            OutboundMessage(
                to="+447700900001",
                channel="sms",
                body=body,
                purpose="sign_in_code",
                created_at=utcnow() + timedelta(seconds=n),
            )
        )
    session.commit()
    page = client_request.get("/dev/outbox")
    assert page.index("222222") < page.index("111111")
    assert "111111" not in client_request.get("/dev/outbox?to=900002")


def test_the_development_outbox_is_not_mounted_in_production(monkeypatch, database_url):
    from portal import create_app
    from portal.config import ProductionConfig

    for name, value in {
        "SECRET_KEY": "x" * 40,
        "DATABASE_URL": database_url,
        "PUBLIC_BASE_URL": "https://r.example",
    }.items():
        monkeypatch.setenv(name, value)
    app = create_app(ProductionConfig())
    assert app.test_client().get("/dev/outbox").status_code == 404
    app.extensions["database"].engine.dispose()
