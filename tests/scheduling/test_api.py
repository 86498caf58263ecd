"""The HTTP API itself: tokens, statuses, problem documents, and no input ever a 500."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scheduling.conftest import CENTRE, issue_token

PROBLEM = "application/problem+json"


@pytest.fixture
def auth(app) -> dict:
    return {"Authorization": f"Bearer {issue_token(app, 'api-tests')}"}


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["title"]
    return body


def _params(week, **overrides) -> dict:
    day = week + timedelta(days=1)
    values = {
        "trade": "plumber",
        "duration": "470",
        "latitude": str(CENTRE[0]),
        "longitude": str(CENTRE[1]),
        "earliest": day.isoformat(),
        "latest": day.isoformat(),
        "limit": "10",
    }
    return values | overrides


def test_the_openapi_document_is_public_and_describes_the_api(client):
    response = client.get("/scheduling/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.")
    assert {"/slots", "/bookings", "/bookings/{reference}", "/bookings/{reference}/cancel"} <= set(
        document["paths"]
    )
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for path in document["paths"].values():
        for operation in path.values():
            for answer in operation["responses"].values():
                ref = answer.get("$ref", "")
                assert not ref or ref.split("/")[-1] in document["components"]["responses"]


def test_no_token_or_a_bad_one_is_refused(client):
    _assert_problem(client.get("/scheduling/v1/slots"), 401)
    response = client.get("/scheduling/v1/slots", headers={"Authorization": "Bearer sched_nope"})
    _assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    _assert_problem(client.get("/scheduling/v1/slots", headers={"Authorization": "Basic x"}), 401)


def test_a_revoked_token_is_refused(app, client):
    token = issue_token(app, "short-lived")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/scheduling/v1/bookings/SB-X", headers=headers).status_code == 404
    result = app.test_cli_runner().invoke(args=["scheduling", "token", "revoke", "short-lived"])
    assert result.exit_code == 0 and "Revoked 1 token" in result.output
    _assert_problem(client.get("/scheduling/v1/bookings/SB-X", headers=headers), 401)


def test_booking_answers_201_then_409_when_the_slot_has_gone(client, auth, create_operative, week):
    create_operative()
    slots = client.get("/scheduling/v1/slots", query_string=_params(week), headers=auth)
    assert slots.status_code == 200
    slot = next(s for s in slots.get_json()["slots"] if s["window"] == "all_day")
    body = {"slot_id": slot["id"], "job_reference": "JOB-1", "idempotency_key": "api-key-0001"}
    first = client.post("/scheduling/v1/bookings", json=body, headers=auth)
    assert first.status_code == 201
    booking = first.get_json()
    assert booking["status"] == "booked" and booking["slot"]["window"] == "all_day"
    again = client.post("/scheduling/v1/bookings", json=body, headers=auth)
    assert again.status_code == 201 and again.get_json()["reference"] == booking["reference"]
    other = body | {"job_reference": "JOB-2", "idempotency_key": "api-key-0002"}
    gone = _assert_problem(client.post("/scheduling/v1/bookings", json=other, headers=auth), 409)
    assert gone["code"] == "slot_unavailable"
    read = client.get(f"/scheduling/v1/bookings/{booking['reference']}", headers=auth)
    assert read.status_code == 200 and read.get_json()["reference"] == booking["reference"]
    cancelled = client.post(f"/scheduling/v1/bookings/{booking['reference']}/cancel", headers=auth)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"


def test_bad_input_is_a_problem_naming_the_fields(client, auth, week):
    body = _assert_problem(
        client.get(
            "/scheduling/v1/slots",
            query_string=_params(week, duration="ten", latitude="north", limit="0"),
            headers=auth,
        ),
        422,
    )
    assert {"duration", "latitude", "limit"} <= {p["name"] for p in body["invalid_params"]}
    _assert_problem(client.post("/scheduling/v1/bookings", json=[1, 2], headers=auth), 422)
    _assert_problem(
        client.post("/scheduling/v1/bookings", json={"slot_id": "x"}, headers=auth), 422
    )
    _assert_problem(client.get("/scheduling/v1/bookings/SB-NONE", headers=auth), 404)
    _assert_problem(client.get("/scheduling/v1/nowhere", headers=auth), 404)
    _assert_problem(client.delete("/scheduling/v1/bookings", headers=auth), 405)
    emergency = client.get(
        "/scheduling/v1/slots", query_string=_params(week, priority="emergency"), headers=auth
    )
    _assert_problem(emergency, 422)
    event = {"id": "e1", "kind": "teleported"}
    _assert_problem(
        client.post("/scheduling/v1/bookings/SB-X/events", json=event, headers=auth), 422
    )


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/scheduling/v1/bookings", "POST, OPTIONS"),
        ("put", "/scheduling/v1/slots", "GET, HEAD, OPTIONS"),
        ("get", "/scheduling/v1/bookings/SB-23456789/cancel", "POST, OPTIONS"),
    ],
)
def test_a_method_not_allowed_names_the_ones_that_are(client, auth, method, path, allowed):
    response = getattr(client, method)(path, headers=auth)
    assert _assert_problem(response, 405)["code"] == "method_not_allowed"
    assert sorted(response.headers["Allow"].split(", ")) == sorted(allowed.split(", "))


def test_pages_say_which_methods_are_allowed_too(client):
    response = client.delete("/healthz")
    assert response.status_code == 405 and response.headers["Allow"]


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        ({"data": "{", "content_type": "application/json"}, 400, "bad_request"),
        ({"data": '{"slot_id": "x"}'}, 415, "unsupported_media_type"),
        ({"data": "slot_id=x", "content_type": "text/plain"}, 415, "unsupported_media_type"),
        ({"data": "null", "content_type": "application/json"}, 422, None),
        ({"json": {"slot_id": "x", "job_reference": "J-1", "idempotency_key": "k" * 7}}, 422, None),
        ({"json": {"slot_id": "x", "job_reference": "J 1", "idempotency_key": "k" * 8}}, 422, None),
        ({"json": {"slot_id": "", "job_reference": "J-1", "idempotency_key": "k" * 8}}, 422, None),
    ],
)
def test_a_body_is_read_as_the_document_says(client, auth, request_kwargs, status, code):
    body = _assert_problem(
        client.post("/scheduling/v1/bookings", headers=auth, **request_kwargs), status
    )
    assert body["code"] == (code or "invalid_request")


def test_a_member_the_document_does_not_declare_is_refused_by_name(client, auth):
    event = {"id": "e-1", "kind": "arrived", "occured_at": "2026-12-01T09:00:00Z"}
    response = client.post("/scheduling/v1/bookings/SB-23456789/events", json=event, headers=auth)
    body = _assert_problem(response, 422)
    assert body["invalid_params"] == [
        {"name": "occured_at", "reason": "is not a field of this request"}
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"trade": "juggler"}, "trade"),
        ({"duration": "1441"}, "duration"),
        ({"duration": "60.0"}, "duration"),
        ({"latitude": "nan"}, "latitude"),
        ({"longitude": "181"}, "longitude"),
        ({"latitude": None, "longitude": None}, "latitude"),
        ({"uprn": "12ab"}, "uprn"),
        ({"earliest": "20261201"}, "earliest"),
        ({"priority": ""}, "priority"),
        ({"preferred_days": "mon,,tue"}, "preferred_days"),
        ({"preferred_days": "Mon"}, "preferred_days"),
        ({"preferred_windows": "elevenses"}, "preferred_windows"),
        ({"job_reference": ""}, "job_reference"),
        ({"job_reference": "x" * 41}, "job_reference"),
    ],
)
def test_each_query_constraint_of_the_document_is_enforced(client, auth, week, overrides, field):
    query = {k: v for k, v in _params(week, **overrides).items() if v is not None}
    body = _assert_problem(
        client.get("/scheduling/v1/slots", query_string=query, headers=auth), 422
    )
    assert field in {p["name"] for p in body["invalid_params"]}


def test_what_the_document_allows_is_accepted(client, auth, create_operative, week):
    create_operative()
    query = _params(
        week,
        duration="60",
        earliest=week.isoformat(),
        latest=(week + timedelta(days=4)).isoformat(),
        preferred_days="tue,wed",
        preferred_windows="morning",
        limit="3",
    )
    response = client.get("/scheduling/v1/slots", query_string=query, headers=auth)
    assert response.status_code == 200
    slots = response.get_json()["slots"]
    assert len(slots) == 3 and slots[0]["window"] == "morning"
    backwards = _params(week, latest=week.isoformat(), earliest=(week + timedelta(1)).isoformat())
    response = client.get("/scheduling/v1/slots", query_string=backwards, headers=auth)
    assert response.status_code == 200 and response.get_json() == {"slots": []}


def test_state_not_shape_refusals_are_404_and_409(client, auth, create_operative, week):
    create_operative()
    unknown = _params(week, latitude=None, longitude=None, uprn="999999999999")
    query = {k: v for k, v in unknown.items() if v is not None}
    response = client.get("/scheduling/v1/slots", query_string=query, headers=auth)
    assert _assert_problem(response, 404)["code"] == "uprn_not_found"
    slots = client.get("/scheduling/v1/slots", query_string=_params(week), headers=auth)
    slot_id = slots.get_json()["slots"][0]["id"]
    booking = {"slot_id": slot_id, "job_reference": "JOB-1", "idempotency_key": "same-key-1"}
    assert client.post("/scheduling/v1/bookings", json=booking, headers=auth).status_code == 201
    reused = client.post(
        "/scheduling/v1/bookings", json=booking | {"job_reference": "JOB-2"}, headers=auth
    )
    assert _assert_problem(reused, 409)["code"] == "idempotency_key_reused"
    # An operative id beyond 32 bits once reached PostgreSQL's advisory lock: a 500.
    far = slot_id.replace(slot_id.split("~")[0], "99999999999", 1)
    other = booking | {"slot_id": far, "idempotency_key": "other-key-1"}
    response = client.post("/scheduling/v1/bookings", json=other, headers=auth)
    assert _assert_problem(response, 409)["code"] == "slot_unavailable"


_text = st.one_of(st.none(), st.text(max_size=30), st.integers().map(str), st.floats().map(str))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.dictionaries(
        st.sampled_from(
            [
                "trade",
                "duration",
                "latitude",
                "longitude",
                "uprn",
                "earliest",
                "latest",
                "limit",
                "priority",
                "preferred_days",
                "preferred_windows",
                "job_reference",
            ]
        ),
        _text.filter(lambda v: v is not None),
    ),
    body=st.one_of(
        st.none(),
        st.dictionaries(st.sampled_from(["slot_id", "job_reference", "idempotency_key"]), _text),
        st.lists(st.integers(), max_size=3),
    ),
)
def test_no_input_is_a_server_error(client, auth, query, body):
    response = client.get("/scheduling/v1/slots", query_string=query, headers=auth)
    assert response.status_code in (200, 404, 422)
    response = client.post("/scheduling/v1/bookings", json=body, headers=auth)
    assert response.status_code in (409, 415, 422)
    response = client.post("/scheduling/v1/dispatches", json=body or query, headers=auth)
    assert response.status_code in (201, 404, 409, 422)


def test_the_openapi_document_describes_the_rota_and_the_targets(client):
    document = client.get("/scheduling/v1/openapi.json").get_json()
    assert {"/oncall", "/oncall/duties", "/oncall/duties/{id}"} <= set(document["paths"])
    assert "delete" in document["paths"]["/oncall/duties/{id}"]
    schemas = document["components"]["schemas"]
    booking = schemas["Booking"]["properties"]
    expected = {"promised_arrival", "attend_by", "make_safe_by", "attend_met", "on_call"}
    assert expected | {"make_safe_met", "displaced", "reassigned"} <= set(booking)
    assert {"attend_hours", "make_safe_hours", "duties"} <= set(schemas["Rota"]["properties"])
    dispatch = document["paths"]["/dispatches"]["post"]
    assert "attend_target_missed" in dispatch["description"]
    assert dispatch["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/Job")
    assert "accept_late" in schemas["Job"]["properties"]
    for name in ("Job", "Duty", "DutyRequest", "Rota"):
        assert name in schemas


def test_dispatches_nobody_can_attend_in_time_answer_409_saying_who_could(
    app, client, auth, create_operative, week, clock
):
    from tests.scheduling.conftest import east_of, london

    saturday = week + timedelta(days=5)
    far = create_operative(home=east_of(110))
    starts = london(saturday, 8).isoformat()
    ends = london(saturday + timedelta(days=1), 8).isoformat()
    duty = {"operative_id": far.id, "starts_at": starts, "ends_at": ends, "trades": ["plumber"]}
    added = client.post("/scheduling/v1/oncall/duties", json=duty, headers=auth)
    assert added.status_code == 201 and added.get_json()["kind"] == "weekend"
    clock.now = london(saturday, 22)
    job = {
        "job_reference": "API-LATE",
        "trade": "plumber",
        "duration": 60,
        "priority": "emergency",
        "latitude": CENTRE[0],
        "longitude": CENTRE[1],
    }
    missed = _assert_problem(client.post("/scheduling/v1/dispatches", json=job, headers=auth), 409)
    assert missed["code"] == "attend_target_missed" and missed["operative_id"] == far.id
    assert missed["on_call"] is True and missed["earliest_arrival"] > missed["attend_by"]
    refused = client.post(
        "/scheduling/v1/dispatches", json=job | {"accept_late": "yes"}, headers=auth
    )
    assert "accept_late" in {p["name"] for p in _assert_problem(refused, 422)["invalid_params"]}
    late = client.post("/scheduling/v1/dispatches", json=job | {"accept_late": True}, headers=auth)
    assert late.status_code == 201
    assert late.get_json()["attend_met"] is False and late.get_json()["on_call"] is True
    in_use = client.delete(f"/scheduling/v1/oncall/duties/{added.get_json()['id']}", headers=auth)
    assert _assert_problem(in_use, 409)["code"] == "duty_in_use"
    rota = client.get("/scheduling/v1/oncall", query_string={"date": saturday}, headers=auth)
    assert rota.status_code == 200 and rota.get_json()["duties"][0]["callouts"] == 1


def test_bad_rota_requests_are_problems_naming_the_fields(client, auth, create_operative):
    create_operative()
    _assert_problem(client.get("/scheduling/v1/oncall"), 401)
    _assert_problem(
        client.get("/scheduling/v1/oncall", query_string={"date": "soon"}, headers=auth), 422
    )
    body = {"operative_id": "one", "starts_at": "2026-12-01T16:00", "trades": "plumber"}
    refused = _assert_problem(
        client.post("/scheduling/v1/oncall/duties", json=body, headers=auth), 422
    )
    assert {"operative_id", "starts_at", "ends_at", "trades"} <= {
        p["name"] for p in refused["invalid_params"]
    }
    _assert_problem(client.post("/scheduling/v1/oncall/duties", data="[", headers=auth), 415)
    gone = _assert_problem(client.delete("/scheduling/v1/oncall/duties/999999", headers=auth), 404)
    assert gone["code"] == "duty_not_found"
    _assert_problem(client.delete("/scheduling/v1/oncall/duties/abc", headers=auth), 404)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        st.none(),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(
            st.sampled_from(
                [
                    "operative_id",
                    "starts_at",
                    "ends_at",
                    "trades",
                    "patches",
                    "max_callouts",
                    "id",
                    "callouts",
                    "kind",
                ]
            ),
            st.one_of(
                _text,
                st.integers(),
                st.booleans(),
                st.lists(st.text(max_size=12), max_size=3),
                st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
            ),
        ),
    ),
    day=_text,
)
def test_no_rota_input_is_a_server_error(client, auth, body, day):
    response = client.post("/scheduling/v1/oncall/duties", json=body, headers=auth)
    assert response.status_code in (201, 415, 422)
    response = client.get("/scheduling/v1/oncall", query_string={"date": day or ""}, headers=auth)
    assert response.status_code in (200, 422)
