"""The second looks on the performance page: reports put before a person because their
words may hide an emergency, counted by when they were queued, by patch, with the rows."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import time_machine

from repairs.models import WorkItem
from repairs.performance.scope import Scope
from repairs.performance.second_look import second_looks
from tests.staff.conftest import sign_in
from tests.staff.test_performance import _table

NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
FIRST, LAST = NOW.date() - timedelta(days=9), NOW.date()


def _look(session, repair, queued, *, closed=None, kind="safety_review", outcome=None):
    item = WorkItem(
        kind=kind,
        status="done" if closed else "open",
        repair_id=repair.id,
        channel="sms",
        requested_by="a tenant",
        created_at=queued,
        due_at=queued + timedelta(hours=1),
        closed_at=closed,
        outcome=outcome,
    )
    session.add(item)
    return item


def _city(factories, session):
    east = factories.create_property(patch="East")
    west = factories.create_property(patch="West")
    day = NOW - timedelta(days=2)
    repair = factories.create_repair
    # Read in 20 minutes, nothing found.
    _look(session, repair(east, priority="urgent"), day, closed=day + timedelta(minutes=20))
    # Read after three hours and raised: the words did hide an emergency.
    raised = repair(west, priority="emergency")
    _look(session, raised, day, closed=day + timedelta(hours=3), outcome="triaged by staff")
    # Still waiting.
    _look(session, repair(east, priority="routine"), NOW - timedelta(hours=2))
    # Outside the period, and another queue: not counted.
    _look(session, repair(east), NOW - timedelta(days=30), closed=NOW - timedelta(days=30))
    _look(session, repair(west), day, kind="triage_review")
    session.commit()


def test_second_looks_are_counted_by_when_they_were_queued(factories, session):
    _city(factories, session)
    looks = second_looks(session, Scope(FIRST, LAST, "", NOW))
    assert looks.queued == 3
    assert (looks.dealt_with.met, looks.in_time.met, looks.raised.met) == (2, 1, 1)
    assert looks.raised.of == 3 and looks.raised.percent == 33.3
    east = second_looks(session, Scope(FIRST, LAST, "East", NOW))
    assert (east.queued, east.dealt_with.met, east.raised.met) == (2, 1, 0)


def test_the_page_and_its_csv_show_them(client_request, create_member, factories, session):
    _city(factories, session)
    query = f"?from={FIRST.isoformat()}&to={LAST.isoformat()}"
    with time_machine.travel(NOW, tick=False):
        sign_in(client_request, create_member("supervisor"))
        page = client_request.get("/staff/performance" + query)
        table = _table(page, "table-second-looks")
        assert table["Dealt with"] == ["3", "2", "66.7%"]
        assert table["Dealt with within the hour"] == ["3", "1", "33.3%"]
        assert table["Raised to an emergency"] == ["3", "1", "33.3%"]
        body = client_request.client.get("/staff/performance/second-looks.csv" + query)
    rows = list(csv.DictReader(io.StringIO(body.get_data(as_text=True))))
    assert len(rows) == 3
    assert sorted((r["dealt_with"], r["in_time"], r["raised_to_emergency"]) for r in rows) == [
        ("no", "no", "no"),
        ("yes", "no", "yes"),
        ("yes", "yes", "no"),
    ]
    assert {r["outcome"] for r in rows} == {"", "triaged by staff"}
