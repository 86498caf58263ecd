"""Video settings: validated at start-up; production needs a ticket key of its own."""

from __future__ import annotations

import pytest

from portal.config import ConfigError, config_from_env
from repairs.services.video import IceConfig, InvalidTicket, Ticket, read_ticket, sign_ticket
from repairs.services.video.tickets import read_link, sign_link


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db/repairs")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://repairs.example")
    monkeypatch.delenv("VIDEO_TICKET_SECRET", raising=False)
    monkeypatch.delenv("VIDEO_ENABLED", raising=False)


def test_production_with_video_refuses_to_start_without_the_ticket_key(production):
    with pytest.raises(ConfigError, match="VIDEO_TICKET_SECRET"):
        config_from_env("production")


def test_production_without_video_needs_no_ticket_key(production, monkeypatch):
    monkeypatch.setenv("VIDEO_ENABLED", "false")
    assert config_from_env("production").VIDEO_TICKET_SECRET == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [("short", "at least 32 characters"), ("s" * 40, "must not be the same as SECRET_KEY")],
)
def test_a_weak_ticket_key_is_refused(production, monkeypatch, value, message):
    monkeypatch.setenv("VIDEO_TICKET_SECRET", value)
    with pytest.raises(ConfigError, match=message):
        config_from_env("production")


def test_development_derives_separate_keys_from_the_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "d" * 40)
    monkeypatch.delenv("VIDEO_TICKET_SECRET", raising=False)
    config = config_from_env("development")
    keys = {config.SECRET_KEY, config.VIDEO_TICKET_SECRET, config.VIDEO_LINK_SECRET}
    assert len(keys) == 3


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("VIDEO_MAX_CALLS", "0", "VIDEO_MAX_CALLS must be 1 or more"),
        ("VIDEO_MAX_CALL_MINUTES", "twenty", "must be a whole number"),
        ("VIDEO_PORT", "70000", "VIDEO_PORT must be a port number"),
        ("VIDEO_SERVICE_URL", "video.example", "VIDEO_SERVICE_URL must start with"),
        ("VIDEO_STUN_URLS", "turn:turn.example:3478", "VIDEO_STUN_URLS must be stun:"),
        ("VIDEO_TURN_URLS", "turn:turn.example:3478", "VIDEO_TURN_URLS needs VIDEO_TURN_SECRET"),
        ("VIDEO_ENABLED", "perhaps", "VIDEO_ENABLED must be true or false"),
    ],
)
def test_bad_video_settings_are_refused(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        config_from_env()


def test_turn_credentials_from_a_shared_secret_expire_with_the_call():
    ice = IceConfig(("stun:stun.example:3478",), ("turn:turn.example:3478",), turn_secret="k")
    stun, turn = ice.servers(now=1_000, user="staff-1", lifetime=600)
    assert stun.to_json() == {"urls": ["stun:stun.example:3478"]}
    assert turn.username == "1600:staff-1" and len(turn.credential) == 28
    fixed = IceConfig(turn_urls=("turns:t.example",), turn_username="u", turn_password="p")
    assert fixed.servers(now=0, user="x", lifetime=1)[0].to_json()["credential"] == "p"


def test_tickets_and_links_cannot_be_forged_or_stretched():
    token = sign_ticket("k" * 32, Ticket("abc", "staff"))
    assert read_ticket("k" * 32, token, 60) == Ticket("abc", "staff", False)
    for bad in (token + "x", "", None, 42, "a" * 500):
        with pytest.raises(InvalidTicket):
            read_ticket("k" * 32, bad, 60)
    with pytest.raises(InvalidTicket, match="invalid"):
        read_ticket("j" * 32, token, 60)
    link = sign_link("k" * 32, "abc", 3)
    assert read_link("k" * 32, link) == ("abc", 3)
    with pytest.raises(InvalidTicket):
        read_link("k" * 32, link.replace(".3.", ".4."))


def test_a_stale_ticket_is_expired(monkeypatch):
    import time

    token = sign_ticket("k" * 32, Ticket("abc", "tenant", True))
    later = time.time() + 120
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(InvalidTicket, match="expired"):
        read_ticket("k" * 32, token, 60)
