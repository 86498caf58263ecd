"""POST /bot/twilio/status: signed by Twilio or refused; each message moves forward only;
a failed WhatsApp message goes once by SMS; failures reach the contact centre."""

from __future__ import annotations

import logging
import secrets

import pytest
from sqlalchemy import func, select

from repairs.models import OutboundMessage, WorkItem
from repairs.models.base import utcnow
from tests.messaging.conftest import reload

STATUS = "/bot/twilio/status"


def _sid() -> str:
    return "SM" + secrets.token_hex(16)


@pytest.fixture
def sent(factories, session):
    """A message the provider has accepted, about a repair."""

    def make(channel="sms", **person):
        home = factories.create_property()
        tenant, _ = factories.create_tenant(home=home, **person)
        repair = factories.create_repair(home, reported_by_id=tenant.id)
        message = OutboundMessage(
            person_id=tenant.id,
            repair_id=repair.id,
            channel=channel,
            to=tenant.mobile,
            body="Trent Vale Homes: repair done. How did we do?",
            purpose="completed",
            status="sent",
            provider_id=_sid(),
            sent_at=utcnow(),
        )
        session.add(message)
        session.commit()
        return message

    return make


def _params(message, status, **extra):
    return {"MessageSid": message.provider_id, "MessageStatus": status, "To": message.to} | extra


def test_a_signed_callback_moves_the_message_on(signed_post, sent, session):
    message = sent()
    assert signed_post(STATUS, _params(message, "delivered")).status_code == 204
    row = reload(session, message)
    assert (row.status, row.provider_status) == ("delivered", "delivered")
    assert row.delivered_at is not None


def test_a_forged_callback_is_refused_and_changes_nothing(signed_post, sent, session, caplog):
    message = sent()
    with caplog.at_level(logging.WARNING):
        answer = signed_post(STATUS, _params(message, "failed"), token="not-the-token")
    assert answer.status_code == 403
    assert reload(session, message).status == "sent"
    assert "twilio webhook refused" in caplog.text and message.provider_id not in caplog.text


def test_the_signature_is_checked_against_the_public_address(signed_post, sent, session):
    message = sent()
    # Signed for the address the request reached (a proxy's inside), not the public one.
    answer = signed_post(
        STATUS, _params(message, "failed"), signed_for="http://localhost/bot/twilio/status"
    )
    assert answer.status_code == 403 and reload(session, message).status == "sent"


def test_without_a_configured_token_every_callback_is_refused(
    client, app, sent, session, monkeypatch
):
    monkeypatch.setitem(app.config, "TWILIO_AUTH_TOKEN", "")
    message = sent()
    answer = client.post(STATUS, data=_params(message, "delivered"))
    assert answer.status_code == 403 and reload(session, message).status == "sent"


def test_an_unsigned_callback_is_refused(client, twilio_token, sent, session):
    message = sent()
    assert client.post(STATUS, data=_params(message, "delivered")).status_code == 403


def test_callbacks_out_of_order_never_move_a_message_back(signed_post, sent, session):
    message = sent()
    signed_post(STATUS, _params(message, "delivered"))
    signed_post(STATUS, _params(message, "sent"))
    assert reload(session, message).status == "delivered"
    signed_post(STATUS, _params(message, "read"))
    row = reload(session, message)
    assert (row.status, row.provider_status) == ("delivered", "read")


def test_a_callback_for_a_message_we_never_sent_is_acknowledged(signed_post, session):
    params = {"MessageSid": _sid(), "MessageStatus": "delivered"}
    assert signed_post(STATUS, params).status_code == 204
    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 0


@pytest.mark.parametrize(
    "params",
    [
        {"MessageStatus": "delivered"},
        {"MessageSid": "not-a-sid", "MessageStatus": "delivered"},
        {"MessageSid": "SM" + "0" * 32, "MessageStatus": "teleported"},
        {"MessageSid": "SM" + "0" * 32, "MessageStatus": "failed", "ErrorCode": "x1"},
    ],
)
def test_a_malformed_callback_is_refused_plainly(signed_post, params):
    answer = signed_post(STATUS, params)
    assert answer.status_code == 400 and answer.mimetype == "text/plain"


def test_an_undelivered_text_goes_to_the_contact_centre(signed_post, sent, session):
    message = sent()
    signed_post(STATUS, _params(message, "undelivered", ErrorCode="30003"))
    row = reload(session, message)
    assert (row.status, row.failure_kind, row.error_code) == ("undelivered", "unreachable", 30003)
    item = session.scalar(select(WorkItem).where(WorkItem.repair_id == message.repair_id))
    assert item.kind == "message_failed" and item.status == "open"


def test_a_failed_whatsapp_message_is_sent_once_by_sms(signed_post, sent, session):
    message = sent("whatsapp", preferred_channel="whatsapp", consent_whatsapp=True)
    failed = _params(message, "failed", ErrorCode="63016")
    signed_post(STATUS, failed)
    signed_post(STATUS, failed)  # Twilio repeats itself: still one fallback
    fallbacks = session.scalars(
        select(OutboundMessage).where(OutboundMessage.fallback_of_id == message.id)
    ).all()
    assert len(fallbacks) == 1
    sms = fallbacks[0]
    assert (sms.channel, sms.status, sms.body, sms.to) == (
        "sms",
        "queued",
        message.body,
        message.to,
    )
    # No person needed yet: the SMS may still arrive.
    assert session.scalar(select(func.count()).select_from(WorkItem)) == 0
    # If the SMS fails too, there is no third try: a person takes over.
    sms.provider_id, sms.status = _sid(), "sent"
    session.commit()
    signed_post(STATUS, _params(sms, "undelivered", ErrorCode="30005"))
    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 2
    assert session.scalar(select(func.count()).select_from(WorkItem)) == 1


def test_a_whatsapp_opt_out_is_not_sent_by_sms_instead(signed_post, sent, session):
    message = sent("whatsapp", preferred_channel="whatsapp", consent_whatsapp=True)
    signed_post(STATUS, _params(message, "failed", ErrorCode="21610"))
    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 1


def test_a_callback_finds_a_message_whose_worker_died_before_recording(signed_post, sent, session):
    message = sent()
    sid = message.provider_id
    message.provider_id, message.status, message.claimed_by = None, "sending", "dead-worker"
    session.commit()
    signed_post(f"{STATUS}?m={message.id}", {"MessageSid": sid, "MessageStatus": "sent"})
    row = reload(session, message)
    assert (row.status, row.provider_id, row.claimed_by) == ("sent", sid, None)
