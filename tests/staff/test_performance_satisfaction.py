"""The satisfaction figure: counted here, independently, from the rows a seeded city holds
(plain SQL and Python, not the figure's query), shown on the page, and its CSV holding
exactly the replies it counts."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import text

from repairs.models import SatisfactionResponse
from repairs.performance.satisfaction import satisfaction
from repairs.performance.scope import Scope
from repairs.seed import seed_city
from tests.staff.conftest import sign_in
from tests.staff.test_performance import DAYS, NOW, _aware, _inside, _scope, _table


@pytest.fixture
def seeded(app):
    engine = app.extensions["database"].engine
    seed_city(engine, seed=7, homes=300, history_days=DAYS, now=NOW)
    with engine.connect() as conn:
        repairs = _aware(
            [
                dict(r._mapping)
                for r in conn.execute(
                    text(
                        "SELECT r.id, r.reference, r.priority, r.completed_at,"
                        " COALESCE(p.patch, b.patch) AS patch"
                        " FROM repair r LEFT JOIN property p ON p.id = r.property_id"
                        " LEFT JOIN block b ON b.id = r.block_id"
                    )
                )
            ]
        )
        replies = _aware(
            [
                dict(r._mapping)
                for r in conn.execute(
                    text(
                        "SELECT repair_id, score, channel, comment, answered_at"
                        " FROM satisfaction_response"
                    )
                )
            ]
        )
    return repairs, replies


def expected(repairs, replies, scope):
    """Replies about the repairs completed in the scope, the slow, plain way."""
    done = {
        r["id"]: r
        for r in repairs
        if (not scope.patch or r["patch"] == scope.patch)
        and _inside(r["completed_at"], scope.start, scope.end)
    }
    mine = [a for a in replies if a["repair_id"] in done]
    return done, mine


def test_the_figure_matches_counts_made_from_the_seeded_rows(session, seeded):
    repairs, replies = seeded
    for patch in ("", "Central", "East"):
        scope = _scope(patch)
        done, mine = expected(repairs, replies, scope)
        got = satisfaction(session, scope)
        scores = Counter(a["score"] for a in mine)
        assert got.scores == {s: scores[s] for s in range(1, 6)}, patch
        assert (got.replies, got.completed) == (len(mine), len(done))
        happy = sum(a["score"] >= 4 for a in mine)
        assert (got.satisfied.met, got.satisfied.of) == (happy, len(mine))
        assert (got.response.met, got.response.of) == (len(mine), len(done))
        assert got.mean == round(sum(a["score"] for a in mine) / len(mine), 2)
    # The demo city answers plausibly: about a third reply, most satisfied, not all.
    done, mine = expected(repairs, replies, _scope())
    assert 0.2 < len(mine) / len(done) < 0.45
    assert 0.6 < sum(a["score"] >= 4 for a in mine) / len(mine) < 0.9
    assert {a["score"] for a in mine} == {1, 2, 3, 4, 5}
    # Every reply is to a completed repair, after it was completed and before "now".
    when = {r["id"]: r["completed_at"] for r in repairs}
    assert all(when[a["repair_id"]] <= a["answered_at"] <= NOW for a in replies)


def test_the_page_and_the_csv_show_the_same_replies(app, client_request, create_member, seeded):
    repairs, replies = seeded
    scope = _scope()
    done, mine = expected(repairs, replies, scope)
    query = f"?from={scope.first.isoformat()}&to={scope.last.isoformat()}"
    with time_machine.travel(NOW, tick=False):
        sign_in(client_request, create_member("supervisor"))
        page = client_request.get("/staff/performance" + query)
        body = client_request.client.get("/staff/performance/satisfaction.csv" + query)
    summary = _table(page, "table-satisfaction")
    assert summary["Replies"] == [
        f"{len(mine):,}",
        f"{len(done):,}",
        f"{100 * len(mine) / len(done):.1f}%",
    ]
    happy = sum(a["score"] >= 4 for a in mine)
    assert summary["Satisfied (score 4 or 5)"][:2] == [f"{happy:,}", f"{len(mine):,}"]
    assert summary["Mean score (out of 5)"][0] == f"{sum(a['score'] for a in mine) / len(mine):.2f}"
    by_score = _table(page, "table-scores")
    scores = Counter(a["score"] for a in mine)
    assert by_score["5 (very good)"][0] == f"{scores[5]:,}"
    assert by_score["1 (poor)"][0] == f"{scores[1]:,}"
    assert by_score["3"] == [f"{scores[3]:,}", f"{100 * scores[3] / len(mine):.1f}%"]
    chart = re.search(r'<svg[^>]*aria-labelledby="chart-scores-title".*?</svg>', page, re.S)
    assert chart and chart.group(0).count("<rect") == 5
    assert f">{scores[5]:,} ({100 * scores[5] / len(mine):.1f}%)</text>" in chart.group(0)
    assert "Tenant Satisfaction Measures" in page and "all repairs completed in the period" in page

    rows = list(csv.DictReader(io.StringIO(body.get_data(as_text=True))))
    reference = {r["id"]: r["reference"] for r in repairs}
    assert sorted((r["repair"], int(r["score"]), r["channel"]) for r in rows) == sorted(
        (reference[a["repair_id"]], a["score"], a["channel"]) for a in mine
    )
    assert sum(r["satisfied"] == "yes" for r in rows) == happy
    assert [r["repair"] for r in rows] == sorted(r["repair"] for r in rows)
    assert {r["comment"] for r in rows} - {""}  # the seed writes a few comments too


def test_replies_are_counted_against_the_repairs_completed_in_the_period(
    client_request, create_member, factories, session
):
    """Made by hand: which replies count, the arithmetic, and a comment that would run
    as a spreadsheet formula made plain text."""
    first, last = datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date()
    inside = datetime(2026, 11, 10, 12, tzinfo=UTC)
    central = factories.create_property(patch="Central")
    east = factories.create_property(patch="East")
    made = []
    for home, completed, score, comment in (
        (central, inside, 5, "Quick and tidy"),
        (central, inside, 2, '=HYPERLINK("http://x")'),
        (central, inside, None, None),  # completed, not answered
        (east, inside, 4, None),
        (central, inside - timedelta(days=20), 1, None),  # completed before the period
    ):
        repair = factories.create_repair(home, "completed", completed_at=completed)
        made.append(repair)
        if score is not None:
            session.add(
                SatisfactionResponse(
                    repair_id=repair.id,
                    score=score,
                    comment=comment,
                    channel="sms",
                    first_answered_at=completed + timedelta(days=1),
                    # A reply after the period still counts for work done in it.
                    answered_at=datetime(2026, 12, 2, tzinfo=UTC),
                )
            )
    session.commit()
    now = datetime(2026, 12, 5, tzinfo=UTC)
    central_only = satisfaction(session, Scope(first, last, "Central", now))
    assert central_only.scores == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1}
    assert (central_only.replies, central_only.completed, central_only.mean) == (2, 3, 3.5)
    assert central_only.satisfied.percent == 50.0
    assert central_only.response.percent == round(100 * 2 / 3, 1)
    everywhere = satisfaction(session, Scope(first, last, "", now))
    assert (everywhere.replies, everywhere.completed, everywhere.satisfied.met) == (3, 4, 2)
    nobody = satisfaction(session, Scope(last, last, "", now))
    assert (nobody.replies, nobody.mean, nobody.satisfied.percent) == (0, None, None)

    with time_machine.travel(now, tick=False):
        sign_in(client_request, create_member("admin"))
        body = client_request.client.get(
            f"/staff/performance/satisfaction.csv?from={first}&to={last}&patch=Central"
        )
        empty = client_request.get(f"/staff/performance?from={last}&to={last}")
    assert body.headers["Content-Disposition"].endswith(
        '"satisfaction-2026-11-01-to-2026-11-30-central.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(body.get_data(as_text=True))))
    assert sorted((r["repair"], r["score"], r["satisfied"], r["comment"]) for r in rows) == sorted(
        [
            (made[0].reference, "5", "yes", "Quick and tidy"),
            (made[1].reference, "2", "no", '\'=HYPERLINK("http://x")'),
        ]
    )
    assert {r["patch"] for r in rows} == {"Central"}
    assert {r["answered_at"] for r in rows} == {"2026-12-02T00:00:00+00:00"}
    assert _table(empty, "table-satisfaction")["Mean score (out of 5)"][0] == "–"
