"""POST /bot/twilio/inbound: signed or refused, acted on once, answered in TwiML."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from repairs.models import Conversation, InboundMessage, Repair
from tests.bot.conftest import AUTH_TOKEN, INBOUND, PUBLIC_BASE_URL, Phone


def _count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def _nothing_stored(session) -> bool:
    return all(_count(session, m) == 0 for m in (InboundMessage, Conversation, Repair))


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param("", id="missing"),
        pytest.param("bm90IGEgc2lnbmF0dXJl", id="made up"),
        pytest.param(
            RequestValidator("another-account-token").compute_signature(
                PUBLIC_BASE_URL + INBOUND, {"Body": "x"}
            ),
            id="another account's token",
        ),
    ],
)
def test_a_request_twilio_did_not_sign_is_refused_and_changes_nothing(
    phone, demo_tenant, session, signature, caplog
):
    form = phone.form("the kitchen tap is dripping")
    with caplog.at_level(logging.WARNING):
        answer = phone.post(form, signature=signature)
    assert answer.status == 403
    assert _nothing_stored(session)
    refusals = [r for r in caplog.records if r.getMessage() == "twilio webhook refused"]
    assert len(refusals) == 1
    assert "dripping" not in str(refusals[0].__dict__)  # the payload is never logged


def test_a_signed_request_changed_on_the_way_is_refused(phone, demo_tenant, session):
    form = phone.form("what is the status")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_BASE_URL + INBOUND, form)
    form["Body"] = "CANCEL"
    assert phone.post(form, signature=signature).status == 403
    assert _nothing_stored(session)


def test_the_signature_is_checked_against_the_public_address_not_the_app_s_own(
    phone, demo_tenant, session
):
    form = phone.form("help")
    # Signed for the address the app itself sees (behind a proxy it is not Twilio's).
    inside = RequestValidator(AUTH_TOKEN).compute_signature("http://localhost" + INBOUND, form)
    assert phone.post(form, signature=inside).status == 403
    assert phone.post(form).status == 200


def test_without_an_auth_token_nothing_is_accepted(app, client, demo_tenant, session, monkeypatch):
    monkeypatch.setitem(app.config, "TWILIO_AUTH_TOKEN", "")
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", PUBLIC_BASE_URL)
    answer = Phone(client).post(Phone(client).form("help"))
    assert answer.status == 403
    assert _nothing_stored(session)


def test_a_get_or_an_unknown_path_is_not_a_webhook(phone, client):
    assert client.get(INBOUND).status_code == 405
    assert phone.post(phone.form("help"), path="/bot/twilio/elsewhere").status == 404


def test_a_message_delivered_twice_is_acted_on_once_and_answered_the_same_way(
    phone, demo_tenant, operatives, session
):
    form = phone.form("the kitchen tap is dripping")
    first = phone.post(form)
    again = phone.post(form)
    assert first.status == again.status == 200
    assert again.replies == first.replies and len(first.replies) == 2
    assert _count(session, Repair) == 1
    assert _count(session, InboundMessage) == 1
    # The choice delivered twice books once.
    choice = phone.form("1")
    assert phone.post(choice).replies == phone.post(choice).replies
    session.expire_all()
    assert session.scalar(select(Repair.status)) == "booked"


def test_a_signed_request_without_a_message_id_gets_400_and_stores_nothing(phone, session):
    form = phone.form("help")
    del form["MessageSid"]
    assert phone.post(form).status == 400
    assert _nothing_stored(session)


def test_a_sender_we_cannot_answer_is_acknowledged_and_nothing_stored(phone, session):
    form = phone.form("help")
    form["From"] = "VODAFONE"
    answer = phone.post(form)
    assert (answer.status, answer.replies) == (200, [])
    assert _nothing_stored(session)


def test_the_answer_is_twiml(phone, demo_tenant):
    answer = phone.send("help")
    assert answer.body.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>')
    assert "STATUS" in answer.replies[0]


def test_a_fault_in_the_bot_is_answered_kindly_and_the_message_kept(
    phone, demo_tenant, session, monkeypatch
):
    from bot.engine.engine import Engine

    def broken(self, inbound):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Engine, "turn", broken)
    form = phone.form("help")
    answer = phone.send("help", sid=form["MessageSid"])
    assert answer.replies == [
        "Sorry, something went wrong. Please try again, or call us on 0115 496 0000."
    ]
    assert phone.post(form).replies == answer.replies  # a retry does not run it again
    assert _count(session, InboundMessage) == 1


def test_two_deliveries_of_one_message_at_the_same_moment_act_once(
    app, phone, demo_tenant, operatives, session
):
    import threading

    form = phone.form("the kitchen tap is dripping")
    barrier = threading.Barrier(2)
    answers = []

    def deliver():
        client = app.test_client()
        barrier.wait()
        answers.append(Phone(client).post(form))

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [a.status for a in answers] == [200, 200]
    assert answers[0].replies == answers[1].replies and len(answers[0].replies) == 2
    assert _count(session, Repair) == 1 and _count(session, InboundMessage) == 1


def test_control_characters_are_not_words(phone, demo_tenant, session):
    answer = phone.send("he\x00lp\x07")
    assert answer.replies[0].startswith("Text us what is wrong")
    session.expire_all()
    assert session.scalar(select(InboundMessage.body)) == "help"
