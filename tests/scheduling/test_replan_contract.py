"""``replan`` as a port operation: the embedded core and the HTTP adapter answer alike."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

import pytest
from werkzeug.serving import make_server

from scheduling import InvalidJob, Replan
from scheduling.http_client import HttpSchedulingCore
from tests.scheduling.conftest import issue_token
from tests.scheduling.replan_fixtures import crossed_day


def test_a_replan_moves_jobs_and_keeps_their_windows(core, create_operative, week):
    west, east, tuesday, bookings = crossed_day(core, create_operative, week)
    result = core.replan(tuesday, "contract-replan-01", time_limit_seconds=1)
    assert isinstance(result, Replan) and result.status == "applied"
    assert result.day == tuesday and result.jobs == 6 and result.reference
    assert result.km_after < result.km_before
    assert {m.job_reference for m in result.moves} == {b.job_reference for b in bookings}
    for booking in bookings:
        now = core.get_booking(booking.reference)
        assert now.status == "booked"
        assert (now.slot.window, now.slot.starts_at, now.slot.ends_at) == (
            booking.slot.window,
            booking.slot.starts_at,
            booking.slot.ends_at,
        )
        home_side = west.id if booking.job_reference.startswith("JOB-W") else east.id
        assert now.slot.operative_id == home_side
        assert booking.slot.starts_at <= now.planned_start <= booking.slot.ends_at
    move = next(m for m in result.moves if m.job_reference == "JOB-W0")
    assert move.from_operative_id == east.id and move.to_operative_id == west.id
    assert core.replan(tuesday, "contract-replan-01", time_limit_seconds=1) == result


def test_a_replan_of_today_or_the_past_is_refused(core):
    with pytest.raises(InvalidJob) as refused:
        core.replan(date.today() - timedelta(days=1), time_limit_seconds=1)
    assert "day" in refused.value.field_errors


def test_the_api_refuses_bad_replan_requests(app, client):
    headers = {"Authorization": f"Bearer {issue_token(app, 'replan-api')}"}
    for body in (
        {},
        {"day": "tomorrow"},
        {"day": "2030-01-01", "time_limit_seconds": 0},
        {"day": "2030-01-01", "idempotency_key": 123456789},
        {"day": "2030-01-01", "idempotency_key": "short"},
    ):
        response = client.post("/scheduling/v1/replans", json=body, headers=headers)
        assert response.status_code == 422 and response.mimetype == "application/problem+json"
    response = client.post("/scheduling/v1/replans", data="nope", headers=headers)
    assert response.status_code == 415
    for day in ("2020-01-01", "2099-01-01"):  # begun, or past the horizon: not bad input
        response = client.post("/scheduling/v1/replans", json={"day": day}, headers=headers)
        assert response.status_code == 409
        assert response.get_json()["code"] == "day_not_plannable"
    assert client.post("/scheduling/v1/replans", json={"day": "2030-01-01"}).status_code == 401
    document = client.get("/scheduling/v1/openapi.json").get_json()
    assert "/replans" in document["paths"]
    assert (
        "self_planned"
        in document["components"]["schemas"]["Replan"]["properties"]["status"]["enum"]
    )


def _self_planning_core(environ, start_response):
    """A remote core that runs its own nightly optimisation, as its OpenAPI allows."""
    body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
    answer = json.dumps({"day": body["day"], "status": "self_planned", "reason": "we plan"})
    start_response("200 OK", [("Content-Type", "application/json")])
    return [answer.encode()]


def test_a_remote_core_may_answer_that_it_plans_for_itself():
    server = make_server("127.0.0.1", 0, _self_planning_core, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        core = HttpSchedulingCore(f"http://127.0.0.1:{server.server_port}", "token")
        result = core.replan(date(2030, 1, 2), "self-planned-01", time_limit_seconds=5)
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert result == Replan(day=date(2030, 1, 2), status="self_planned", reason="we plan")
