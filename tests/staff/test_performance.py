"""The performance figures, checked against counts made here, independently, from the
rows a seeded city holds; and each figure's CSV holds exactly the rows it counts."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import text

from common.calendar import LONDON, local
from repairs.performance import figures
from repairs.performance.scope import Scope
from repairs.seed import seed_city
from tests.html import visible_text
from tests.staff.conftest import sign_in

NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
DAYS = 20


@pytest.fixture
def city(app):
    engine = app.extensions["database"].engine
    seed_city(engine, seed=7, homes=300, history_days=DAYS, now=NOW)
    with engine.connect() as conn:
        repairs = [
            dict(r._mapping)
            for r in conn.execute(
                text(
                    "SELECT r.id, r.reference, r.priority, r.channel, r.hazard, r.status,"
                    " r.reported_at,"
                    " r.target_at, r.completed_at, r.investigated_at, r.awaab_investigate_by,"
                    " r.awaab_safety_work_by, COALESCE(p.patch, b.patch) AS patch"
                    " FROM repair r LEFT JOIN property p ON p.id = r.property_id"
                    " LEFT JOIN block b ON b.id = r.block_id"
                )
            )
        ]
        appointments = [
            dict(r._mapping)
            for r in conn.execute(
                text(
                    'SELECT repair_id, "window", status, starts_at, ends_at, arrived_at'
                    " FROM appointment"
                )
            )
        ]
    return _aware(repairs), _aware(appointments)


def _aware(rows):
    # Plain SQL hands SQLite's times back as text and naive; make every one an aware UTC time.
    for row in rows:
        for key, value in row.items():
            if key.endswith("_at") or key.endswith("_by"):
                if isinstance(value, str):
                    value = datetime.fromisoformat(value)
                if isinstance(value, datetime) and value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
                row[key] = value
    return rows


def _scope(patch=""):
    last = local(NOW).date()
    return Scope(last - timedelta(days=DAYS), last, patch, NOW)


def _inside(value, start, end):
    return value is not None and start <= value < end


def expected(repairs, appointments, scope):
    """Every figure, counted the slow, plain way."""
    start, end, due_end = scope.start, scope.end, min(scope.end, scope.now)
    mine = [r for r in repairs if not scope.patch or r["patch"] == scope.patch]
    ids = {r["id"] for r in mine}
    done = [r for r in mine if _inside(r["completed_at"], start, end)]
    within = {p: [0, 0] for p in ("emergency", "urgent", "routine")}
    for r in done:
        within[r["priority"]][0] += (
            r["target_at"] is not None and r["completed_at"] <= r["target_at"]
        )
        within[r["priority"]][1] += 1
    kept = [0, 0]
    arrivals = defaultdict(list)
    for a in appointments:
        if a["arrived_at"] is not None:
            arrivals[a["repair_id"]].append(a["arrived_at"])
        if a["repair_id"] not in ids or a["window"] == "emergency":
            continue
        if a["status"] in ("attended", "no_access", "booked") and _inside(
            a["ends_at"], start, due_end
        ):
            kept[1] += 1
            kept[0] += (
                a["arrived_at"] is not None and a["starts_at"] <= a["arrived_at"] <= a["ends_at"]
            )
    visited = [r for r in done if arrivals[r["id"]]]
    first = [sum(len(arrivals[r["id"]]) == 1 for r in visited), len(visited)]
    channels = Counter(r["channel"] for r in mine if _inside(r["reported_at"], start, end))
    awaab = {"investigate": [0, 0], "safety_work": [0, 0]}
    for r in mine:
        if r["hazard"] == "none" or r["status"] == "cancelled":
            continue
        clocks = {
            "investigate": (
                r["awaab_investigate_by"],
                r["investigated_at"] or min(arrivals[r["id"]], default=None),
            ),
            "safety_work": (r["awaab_safety_work_by"], r["completed_at"]),
        }
        for name, (due, at) in clocks.items():
            if _inside(due, start, due_end):
                awaab[name][1] += 1
                awaab[name][0] += at is not None and at <= due
    return within, kept, first, channels, awaab


def test_the_figures_match_counts_made_from_the_seeded_rows(session, city):
    repairs, appointments = city
    for patch in ("", "Central", "East"):
        scope = _scope(patch)
        within, kept, first, channels, awaab = expected(repairs, appointments, scope)
        got = figures.within_target(session, scope)
        for priority, (met, of) in within.items():
            assert (got[priority].met, got[priority].of) == (met, of), (patch, priority)
        assert got["non_emergency"].of == within["urgent"][1] + within["routine"][1]
        got_kept = figures.appointments_kept(session, scope)
        assert (got_kept.met, got_kept.of) == tuple(kept)
        got_first = figures.first_visit(session, scope)["all"]
        assert (got_first.met, got_first.of) == tuple(first)
        assert figures.by_channel(session, scope) == dict(channels)
        got_awaab = figures.awaab(session, scope)
        for name, (met, of) in awaab.items():
            assert (got_awaab[name].met, got_awaab[name].of) == (met, of), (patch, name)
    # Short and long periods count first visits two ways (for speed): both agree.
    scope = _scope()
    short = {p: (n, m) for p, n, m in session.execute(figures._first_visit_looked_up(scope))}
    scanned = {p: (n, m) for p, n, m in session.execute(figures._first_visit_scanned(scope))}
    assert short == scanned and short
    # The seeded city gives every figure something to count, so none passes by being empty.
    within, kept, first, channels, awaab = expected(repairs, appointments, _scope())
    assert all(of for _, of in within.values()) and kept[1] and first[1] and awaab["investigate"][1]
    assert within["urgent"][0] < within["urgent"][1]  # some work does miss its target
    assert first[0] < first[1]  # and some needs a second visit


def _table(page: str, table_id: str) -> dict[str, list[str]]:
    body = re.search(
        rf'<table class="govuk-table" id="{table_id}">(.*?)</table>', page, re.S
    ).group(1)
    rows = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, re.S):
        cells = [visible_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_page_and_its_csvs_show_the_same_counts(app, client_request, create_member, city):
    repairs, appointments = city
    scope = _scope()
    within, kept, first, channels, awaab = expected(repairs, appointments, scope)
    query = f"?from={scope.first.isoformat()}&to={scope.last.isoformat()}"
    with time_machine.travel(NOW, tick=False):
        sign_in(client_request, create_member("supervisor"))
        page = client_request.get("/staff/performance" + query)
        rp02 = _table(page, "table-rp02")
        assert rp02["Emergency repairs (RP02 emergency)"][:2] == [
            f"{within['emergency'][1]:,}",
            f"{within['emergency'][0]:,}",
        ]
        non = within["urgent"][1] + within["routine"][1], within["urgent"][0] + within["routine"][0]
        assert rp02["Non-emergency repairs (RP02 non-emergency)"][:2] == [
            f"{non[0]:,}",
            f"{non[1]:,}",
        ]
        assert _table(page, "table-kept")["All appointments"][:2] == [
            f"{kept[1]:,}",
            f"{kept[0]:,}",
        ]
        assert _table(page, "table-first")["All repairs"][:2] == [f"{first[1]:,}", f"{first[0]:,}"]
        assert _table(page, "table-channels")["All channels"][0] == f"{sum(channels.values()):,}"
        assert "<svg" in page  # charts drawn on the server
        response = client_request.client.get("/staff/performance/within-target.csv" + query)
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        assert len(rows) == sum(of for _, of in within.values())
        assert sum(r["within_target"] == "yes" for r in rows) == sum(m for m, _ in within.values())
        for figure, count in (
            ("appointments", kept[1]),
            ("first-visit", first[1]),
            ("channels", sum(channels.values())),
            ("awaab", awaab["investigate"][1] + awaab["safety_work"][1]),
        ):
            body = client_request.client.get(f"/staff/performance/{figure}.csv" + query)
            assert len(body.get_data(as_text=True).strip().splitlines()) - 1 == count, figure


def test_a_patch_narrows_every_figure(app, client_request, create_member, city):
    repairs, appointments = city
    scope = _scope("East")
    *_, channels, _ = expected(repairs, appointments, scope)
    query = f"?from={scope.first.isoformat()}&to={scope.last.isoformat()}&patch=East"
    with time_machine.travel(NOW, tick=False):
        sign_in(client_request, create_member("supervisor"))
        page = client_request.get("/staff/performance" + query)
    assert _table(page, "table-channels")["All channels"][0] == f"{sum(channels.values()):,}"
    assert "East" in visible_text(page).split("Period")[0]


def test_bad_periods_fall_back_to_the_last_30_days(client_request, signed_in):
    signed_in("supervisor")
    for query in (
        "?from=2026-13-01&to=x",
        "?from=2026-11-01&to=2020-01-01",
        "?period=forever",
        "?patch=<script>",
        "?from=2000-01-01&to=2026-01-01",
    ):
        page = client_request.get("/staff/performance" + query)
        assert "Repairs completed within target" in page
    client_request.get("/staff/performance/nothing.csv", status=404)


def test_the_financial_year_starts_in_april():
    from repairs.performance.scope import financial_year_start, preset

    assert financial_year_start(datetime(2026, 3, 31).date()).isoformat() == "2025-04-01"
    assert financial_year_start(datetime(2026, 4, 1).date()).isoformat() == "2026-04-01"
    last = preset("last_year", datetime(2026, 11, 20, tzinfo=LONDON))
    assert (last.first.isoformat(), last.last.isoformat()) == ("2025-04-01", "2026-03-31")
