"""WhatsApp photos: queued by the webhook, fetched afterwards with the account's
credentials from (a fake of) Twilio's media API, checked like uploads, kept with the
repair."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image
from sqlalchemy import select

from bot.media import fetch_due
from repairs.models import InboundMedia, OutboundMessage, Repair, RepairEvent
from repairs.models.base import utcnow
from tests.bot.conftest import ACCOUNT_SID


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _rows(session):
    session.expire_all()
    return session.scalars(select(InboundMedia).order_by(InboundMedia.id)).all()


def test_a_photo_with_a_report_is_fetched_and_kept_with_the_repair(
    app, whatsapp, twilio_media, demo_tenant, operatives, session
):
    url = twilio_media.add("MM1", "ME1", png(), "image/png")
    answer = whatsapp.send("the kitchen tap is dripping", media=[(url, "image/png")])
    assert answer.replies[0].startswith("Thank you. Repair ")
    (row,) = _rows(session)
    assert (row.status, row.channel) == ("pending", "whatsapp")
    assert row.repair_reference in answer.replies[0]
    assert twilio_media.seen == []  # nothing fetched while the webhook answered

    assert fetch_due(app) == 1
    (row,) = _rows(session)
    assert row.status == "stored" and row.photo_key
    repair = session.scalar(select(Repair).where(Repair.reference == row.repair_reference))
    assert repair.photos == [row.photo_key]
    event = session.scalar(select(RepairEvent).where(RepairEvent.kind == "added_to"))
    assert (event.channel, event.changes["photos"]) == ("whatsapp", [None, [row.photo_key]])
    api, store = twilio_media.seen
    assert api.path.startswith(f"/2010-04-01/Accounts/{ACCOUNT_SID}/") and api.authorization
    assert store.path.startswith("/files/") and store.authorization is None
    assert fetch_due(app) == 0  # done once


def test_a_photo_alone_starts_a_report_and_joins_it(
    app, whatsapp, twilio_media, demo_tenant, operatives, session
):
    url = twilio_media.add("MM2", "ME2", png(), "image/jpeg")
    assert whatsapp.send("", media=[(url, "image/jpeg")]).replies == [
        "Thank you for the photo. Now tell us in a few words what is wrong."
    ]
    assert fetch_due(app) == 0  # no repair yet to add it to
    whatsapp.send("damp and black mould on the bedroom wall")
    (row,) = _rows(session)
    assert row.repair_reference is not None
    assert fetch_due(app) == 1 and _rows(session)[0].status == "stored"


def test_what_is_not_a_photo_is_refused_and_the_tenant_told(
    app, whatsapp, twilio_media, demo_tenant, operatives, session
):
    url = twilio_media.add("MM3", "ME3", b"<html>not a photo</html>", "image/jpeg")
    whatsapp.send("kitchen tap dripping", media=[(url, "image/jpeg")])
    fetch_due(app)
    (row,) = _rows(session)
    assert row.status == "refused" and "photo" in row.error
    told = session.scalar(
        select(OutboundMessage).where(OutboundMessage.purpose == "photo_not_added")
    )
    assert "we could not add your photo" in told.body
    assert session.scalar(select(Repair)).photos == []


def test_only_the_provider_s_address_is_fetched_and_never_with_credentials_elsewhere(
    app, whatsapp, twilio_media, demo_tenant, operatives, session
):
    elsewhere = "https://attacker.example/2010-04-01/Accounts/x/Messages/y/Media/z"
    whatsapp.send("kitchen tap dripping", media=[(elsewhere, "image/jpeg")])
    fetch_due(app)
    (row,) = _rows(session)
    assert row.status == "refused" and twilio_media.seen == []


def test_a_provider_that_does_not_answer_is_tried_again_then_given_up(
    app, whatsapp, twilio_media, demo_tenant, operatives, session
):
    url = twilio_media.add("MM4", "ME4", png(), "image/png")
    twilio_media.fail_with = 503
    whatsapp.send("kitchen tap dripping", media=[(url, "image/png")])
    for attempt in range(1, 6):
        assert fetch_due(app) == 1
        (row,) = _rows(session)
        assert row.attempts == attempt
        assert fetch_due(app) == 0  # not before its next attempt is due
        row.next_attempt_at = utcnow() - timedelta(seconds=1)
        session.commit()
    assert _rows(session)[0].status == "failed"


def test_a_photo_for_a_report_never_finished_is_dropped_after_a_day(
    app, whatsapp, twilio_media, demo_tenant, session
):
    url = twilio_media.add("MM5", "ME5", png(), "image/png")
    whatsapp.send("", media=[(url, "image/png")])
    (row,) = _rows(session)
    row.created_at = utcnow() - timedelta(days=2)
    session.commit()
    fetch_due(app)
    assert _rows(session)[0].status == "expired"


def test_a_file_that_is_not_an_image_is_not_queued(whatsapp, demo_tenant, session):
    answer = whatsapp.send("", media=[("https://api.twilio.com/x.ogg", "audio/ogg")])
    assert answer.replies == ["We can only use photos, so we could not use what you sent."]
    assert _rows(session) == []


def test_a_file_larger_than_a_photo_may_be_is_not_read_to_the_end(
    app, whatsapp, twilio_media, demo_tenant, operatives, session, monkeypatch
):
    from dataclasses import replace

    from portal.wiring import services

    with app.app_context():
        policy = services(app).policy
    smaller = replace(policy, max_photo_bytes=1_048_576)
    monkeypatch.setitem(app.extensions, "repairs_policy", smaller)
    url = twilio_media.add("MM6", "ME6", png() + b"\0" * 1_100_000, "image/png")
    whatsapp.send("kitchen tap dripping", media=[(url, "image/png")])
    fetch_due(app)
    (row,) = _rows(session)
    assert row.status == "refused" and row.error == "The photo must be smaller than 1 MB"
