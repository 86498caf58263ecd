"""Trying the bot without Twilio: ``flask bot chat`` in a terminal and the development
phone page, both through the same inbox and engine as the webhook."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from repairs.models import InboundMessage, Repair


def test_flask_bot_chat_converses_through_the_engine(app, demo_tenant, operatives, session):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["bot", "chat", "--from", "07700 900001"],
        input="help\nthe kitchen tap is dripping\n1\nstatus\n",
    )
    assert result.exit_code == 0, result.output
    replies = [line for line in result.output.splitlines() if line.startswith("bot> ")]
    assert replies[0].startswith("bot> Text us what is wrong to report a repair.")
    assert any(r.startswith("bot> Booked: repair ") for r in replies)
    session.expire_all()
    repair = session.scalar(select(Repair))
    assert (repair.status, repair.channel) == ("booked", "sms")
    assert session.scalar(select(func.count()).select_from(InboundMessage)) == 4


def test_flask_bot_chat_wants_a_phone_number(app):
    result = app.test_cli_runner().invoke(args=["bot", "chat", "--from", "Zainab"])
    assert result.exit_code != 0 and "phone number" in result.output


def test_the_phone_page_texts_the_bot_and_shows_the_conversation(
    client_request, demo_tenant, operatives
):
    html = client_request.get("/dev/phone")
    assert "Development phone" in html and 'value="+447700900001"' in html
    client_request.post_form(
        "/dev/phone",
        {"sender": "07700 900001", "channel": "sms", "text": "the kitchen tap is dripping"},
    )
    html = client_request.get("/dev/phone?from=%2B447700900001&channel=sms")
    conversation = html.split('id="conversation"', 1)[1]
    assert "the kitchen tap is dripping" in conversation
    assert re.search(r"Thank you\. Repair [2-9A-Z]{3}-[2-9A-Z]{4}", conversation)
    assert "Choose a time for repair" in conversation


def test_the_phone_page_says_what_is_wrong_with_its_form(client_request):
    response = client_request.post_form(
        "/dev/phone", {"sender": "nobody", "channel": "sms", "text": ""}, status=200
    )
    html = response.get_data(as_text=True)
    assert "Enter a phone number, like +447700900001" in html
    assert "Enter a message" in html


@pytest.fixture
def production(monkeypatch):
    from portal import create_app
    from portal.config import ProductionConfig

    for name, value in {
        "SECRET_KEY": "x" * 40,
        "DATABASE_URL": "sqlite:///:memory:",
        "PUBLIC_BASE_URL": "https://repairs.example.org",
    }.items():
        monkeypatch.setenv(name, value)
    return create_app(ProductionConfig())


def test_there_is_no_phone_page_in_production(production):
    rules = {rule.rule for rule in production.url_map.iter_rules()}
    assert "/bot/twilio/inbound" in rules and "/dev/phone" not in rules


def test_there_is_no_terminal_chat_in_production(production):
    result = production.test_cli_runner().invoke(args=["bot", "chat", "--from", "+447700900001"])
    assert result.exit_code != 0 and "not for production" in result.output
