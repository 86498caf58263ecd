"""The worker: sends through a transport, retries what may succeed later with back-off,
never retries what never will, and honours quiet hours, expiry and STOP at send time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from common.calendar import LONDON
from repairs.messaging.timing import QuietHours
from repairs.models import Person, RepairEvent, WorkItem
from tests.messaging.conftest import reload, twilio_transport


def test_the_console_transport_delivers_and_says_so(make_worker, queue, tenant, session):
    message = queue(tenant, "completed")
    worker = make_worker()
    assert worker.run_once() == 1
    sent = reload(session, message)
    assert (sent.status, sent.provider_id, sent.attempts) == ("delivered", f"console-{sent.id}", 1)
    assert sent.claimed_by is None and sent.delivered_at is not None
    assert "How did we do?" in worker.transport._stream.getvalue()
    assert worker.run_once() == 0  # nothing is sent twice


def test_sign_in_codes_go_first(make_worker, queue, tenant, session):
    later = [queue(tenant, "completed") for _ in range(3)]
    code = queue(tenant, "sign_in_code")
    make_worker(batch_size=1).run_once()
    assert reload(session, code).status == "delivered"
    assert {reload(session, m).status for m in later} == {"queued"}


def test_quiet_hours_hold_what_can_wait_but_not_what_cannot(
    make_worker, queue, tenant, session, clock
):
    clock.now = datetime(2026, 11, 3, 22, 30, tzinfo=LONDON)
    routine = queue(tenant, "completed")
    code = queue(tenant, "sign_in_code")
    worker = make_worker()
    worker.run_once()
    assert reload(session, code).status == "delivered"
    assert reload(session, routine).status == "queued"
    clock.now = datetime(2026, 11, 4, 7, 59, tzinfo=LONDON)
    assert worker.run_once() == 0
    clock.now = datetime(2026, 11, 4, 8, 0, tzinfo=LONDON)
    worker.run_once()
    assert reload(session, routine).status == "delivered"


def test_provider_errors_are_retried_with_growing_waits_then_sent_once(
    make_worker, queue, tenant, session, clock, fake_twilio
):
    message = queue(tenant, "completed")
    fake_twilio.fail_next(3, "500")
    worker = make_worker(twilio_transport(fake_twilio))
    waits = []
    for _ in range(3):
        worker.run_once()
        row = reload(session, message)
        assert row.status == "queued" and "500" in row.last_error
        waits.append(row.next_attempt_at - clock())
        clock.now = row.next_attempt_at
    worker.run_once()
    row = reload(session, message)
    assert row.status == "sent" and row.attempts == 4
    # rng 0.5: 3/4 of 10 s, 20 s, 40 s (half fixed, half jitter).
    assert waits == [timedelta(seconds=7.5), timedelta(seconds=15), timedelta(seconds=30)]
    # A 500 might hide a created message, so the provider was asked before each resend.
    assert len(fake_twilio.created()) == 1
    assert row.provider_id == fake_twilio.created()[0]["sid"]


def test_too_many_requests_waits_as_long_as_the_provider_asks(
    make_worker, queue, tenant, session, clock, fake_twilio
):
    first, second = queue(tenant, "completed"), queue(tenant, "follow_on_needed")
    fake_twilio.fail_next(1, "429", retry_after=120)
    worker = make_worker(twilio_transport(fake_twilio), concurrency=1)
    worker.run_once()
    rows = [reload(session, first), reload(session, second)]
    assert [r.status for r in rows] == ["queued", "queued"]
    assert rows[0].next_attempt_at >= clock() + timedelta(seconds=120)
    # The second was not even tried: the whole worker held back.
    assert rows[1].attempts == 0 and len(fake_twilio.creates()) == 1


def test_a_timeout_that_reached_the_provider_is_found_not_resent(
    make_worker, queue, tenant, session, clock, fake_twilio
):
    message = queue(tenant, "completed")
    fake_twilio.fail_next(1, "slow_create")
    worker = make_worker(twilio_transport(fake_twilio))
    worker.run_once()
    row = reload(session, message)
    assert row.status == "queued" and row.outcome_unknown
    clock.now = row.next_attempt_at
    worker.run_once()
    row = reload(session, message)
    assert row.status == "sent" and not row.outcome_unknown
    assert len(fake_twilio.created()) == 1 and len(fake_twilio.creates()) == 1


def test_an_invalid_number_is_never_retried_and_goes_to_the_contact_centre(
    make_worker, factories, session, clock, fake_twilio
):
    home = factories.create_property()
    person, _ = factories.create_tenant(home=home, mobile="+447700900777")
    repair = factories.create_repair(home, reported_by_id=person.id)
    session.commit()
    from repairs.messaging.outbox import enqueue
    from tests.messaging.conftest import LETTERHEAD

    message = enqueue(
        session,
        person,
        "completed",
        {"landlord": "TVH", "reference": repair.reference},
        translations=LETTERHEAD.translations_dir,
        now=clock(),
        repair=repair,
    )
    session.commit()
    fake_twilio.refuse("+447700900777", 21211)
    worker = make_worker(twilio_transport(fake_twilio))
    worker.run_once()
    row = reload(session, message)
    assert (row.status, row.failure_kind, row.error_code) == ("failed", "invalid_number", 21211)
    clock.advance(days=1)
    assert worker.run_once() == 0 and len(fake_twilio.creates()) == 1
    item = session.scalar(select(WorkItem).where(WorkItem.repair_id == repair.id))
    assert item.kind == "message_failed" and "invalid_number" in item.note
    kinds = session.scalars(select(RepairEvent.kind).where(RepairEvent.repair_id == repair.id))
    assert "message_failed" in set(kinds)


def test_a_provider_opt_out_is_recorded_on_the_person(
    make_worker, queue, tenant, session, fake_twilio
):
    message = queue(tenant, "completed")
    fake_twilio.refuse(tenant.mobile, 21610)
    make_worker(twilio_transport(fake_twilio)).run_once()
    assert reload(session, message).failure_kind == "opted_out"
    person = session.scalar(
        select(Person).where(Person.id == tenant.id).execution_options(populate_existing=True)
    )
    assert person.opted_out_at is not None


def test_stop_after_writing_and_expiry_are_honoured_at_send_time(
    make_worker, queue, tenant, session, clock
):
    stale_code = queue(tenant, "sign_in_code", expires_at=clock() + timedelta(minutes=10))
    update = queue(tenant, "completed")
    tenant.opted_out_at = clock()
    session.commit()
    clock.advance(minutes=11)
    make_worker().run_once()
    assert (reload(session, stale_code).status, reload(session, stale_code).failure_kind) == (
        "cancelled",
        "expired",
    )
    assert (reload(session, update).status, reload(session, update).failure_kind) == (
        "cancelled",
        "opted_out",
    )


def test_a_sign_in_code_reaches_someone_who_texted_stop(make_worker, queue, tenant, session):
    tenant.opted_out_at = tenant.opted_out_at or datetime(2026, 1, 1, tzinfo=LONDON)
    session.commit()
    code = queue(tenant, "sign_in_code")
    assert queue(tenant, "completed") is None
    make_worker().run_once()
    assert reload(session, code).status == "delivered"


def test_a_message_failing_for_a_day_is_given_up_and_shown(
    make_worker, queue, tenant, session, clock, fake_twilio
):
    message = queue(tenant, "completed")
    fake_twilio.fail_until(float("inf"), "500")
    worker = make_worker(
        twilio_transport(fake_twilio), retry_max_seconds=3600, quiet=QuietHours.parse("off")
    )
    for _ in range(80):
        worker.run_once()
        row = reload(session, message)
        if row.status != "queued":
            break
        clock.now = row.next_attempt_at
    assert (row.status, row.failure_kind) == ("failed", "gave_up")
    # Given up at the last attempt inside the day, after many.
    assert clock() - message.created_at < timedelta(hours=24) and row.attempts > 20


def test_a_lost_lease_is_taken_over_and_a_late_worker_cannot_overwrite(
    make_worker, queue, tenant, session, clock, fake_twilio
):
    from repairs.messaging import claim as store

    message = queue(tenant, "completed")
    engine_session = make_worker().sessions
    with engine_session() as own:
        (claimed,) = store.claim(
            own, worker="dead", now=clock(), limit=5, lease=timedelta(seconds=30), quiet=False
        )
    # Before the lease runs out nobody else may take it.
    survivor = make_worker(twilio_transport(fake_twilio), name="survivor")
    assert survivor.run_once() == 0
    clock.advance(seconds=31)
    assert survivor.run_once() == 1
    row = reload(session, message)
    assert row.status == "sent" and row.attempts == 2 and len(fake_twilio.created()) == 1
    # The first worker wakes up and records a result: its fence no longer holds.
    with engine_session() as own:
        store.record_retry(
            own,
            "dead",
            clock(),
            [
                {
                    "b_id": claimed.id,
                    "b_next": clock(),
                    "b_attempts": 9,
                    "b_error": "late",
                    "b_code": None,
                    "b_unknown": False,
                }
            ],
        )
        own.commit()
    assert reload(session, message).status == "sent"


def test_the_development_outbox_shows_where_each_message_stands(
    make_worker, queue, tenant, session, client_request, fake_twilio
):
    code = queue(tenant, "sign_in_code")
    fake_twilio.refuse(tenant.mobile, 21211)
    make_worker(twilio_transport(fake_twilio)).run_once()
    waiting = queue(tenant, "completed")
    page = client_request.get("/dev/outbox")
    # Newest first, bodies in full, the failure and its reason shown.
    assert page.index("How did we do?") < page.index(code.body)
    assert "queued" in page and "failed" in page and "invalid_number (21211)" in page
    assert reload(session, waiting).status == "queued"


def test_the_loop_survives_a_database_hiccup_and_stops_when_told(
    make_worker, queue, tenant, session, caplog
):
    import threading

    from sqlalchemy.exc import OperationalError

    message = queue(tenant, "completed")
    worker = make_worker(poll_seconds=0.05)
    real, calls = worker.sessions, []

    def flaky():
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("SELECT 1", {}, Exception("database is restarting"))
        return real()

    worker.sessions = flaky
    stop = threading.Event()
    loop = threading.Thread(target=worker.run, args=(stop,))
    loop.start()
    try:
        for _ in range(100):
            if reload(session, message).status == "delivered":
                break
            session.commit()
            stop.wait(0.05)
    finally:
        stop.set()
        loop.join(timeout=10)
    assert not loop.is_alive()
    assert reload(session, message).status == "delivered"
    assert "worker round failed" in caplog.text
