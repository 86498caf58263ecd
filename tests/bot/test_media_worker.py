"""WhatsApp photos fetched by the worker each round (``flask worker``'s own jobs), by the
worker's clock, from (a fake of) Twilio's media API."""

from __future__ import annotations

from sqlalchemy import select

from repairs.models import Repair
from repairs.models.base import utcnow
from tests.bot.test_media import _rows, png
from tests.worker_fixtures import Clock, looping, until


def test_the_worker_fetches_a_photo_and_keeps_it_with_the_repair(
    app, app_worker, whatsapp, twilio_media, demo_tenant, operatives, session, monkeypatch
):
    monkeypatch.setitem(app.config, "WORKER_POLL_SECONDS", 0.05)
    url = twilio_media.add("MM1", "ME1", png(), "image/png")
    whatsapp.send("the kitchen tap is dripping", media=[(url, "image/png")])
    worker = app_worker(Clock(utcnow()))
    with looping(worker):
        assert until(lambda: _rows(session)[0].status == "stored")
    (row,) = _rows(session)
    repair = session.scalar(select(Repair).where(Repair.reference == row.repair_reference))
    assert repair.photos == [row.photo_key]


def test_a_photo_the_provider_would_not_give_is_tried_again_when_the_worker_clock_says(
    app, app_worker, whatsapp, twilio_media, demo_tenant, operatives, session
):
    url = twilio_media.add("MM2", "ME2", png(), "image/png")
    twilio_media.fail_with = 503
    whatsapp.send("the kitchen tap is dripping", media=[(url, "image/png")])
    clock = Clock(utcnow())
    worker = app_worker(clock)

    def round_of_jobs() -> None:
        worker.jobs.start_due()
        assert worker.jobs.wait(30) == []

    round_of_jobs()
    (row,) = _rows(session)
    assert (row.status, row.attempts) == ("pending", 1)
    twilio_media.fail_with = None
    clock.advance(minutes=1)
    round_of_jobs()
    assert _rows(session)[0].attempts == 1  # its next attempt is two minutes after the first
    clock.advance(minutes=1, seconds=1)
    round_of_jobs()
    assert (_rows(session)[0].status, _rows(session)[0].attempts) == ("stored", 2)
