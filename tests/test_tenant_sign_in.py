"""Signing in with a one-time code: hashed, used once, expiring, locking, throttled, and
limited per mobile, tenancy reference and network; first time on a number, the tenancy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from repairs.models import OutboundMessage, Person, SignInCode
from repairs.models.base import utcnow
from tests.tenant_helpers import latest_code, sign_in


@pytest.fixture
def tenant(factories, session):
    person, tenancy = factories.create_tenant(mobile="+447700900001", reference="TV-000001")
    session.commit()
    return person, tenancy


def _ask(client_request, mobile="07700 900 001", status=302, url="/sign-in"):
    return client_request.post_form(url, {"mobile": mobile}, status=status, form_url="/sign-in")


def _code(client_request, code, status=302):
    return client_request.post_form("/sign-in/code", {"code": code}, status=status)


def _messages(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(OutboundMessage))


def test_the_pages_ask_for_a_tel_input_then_a_one_time_code(client_request, tenant):
    html = client_request.get("/sign-in")
    assert 'type="tel"' in html
    assert _ask(client_request).headers["Location"].endswith("/sign-in/code")
    html = client_request.get("/sign-in/code")
    assert 'autocomplete="one-time-code"' in html
    assert "07700 900001" in html


def test_first_time_on_a_number_asks_for_the_tenancy_and_then_not_again(
    client_request, client, session, tenant
):
    person, tenancy = tenant
    _ask(client_request)
    response = _code(client_request, latest_code(session, person.mobile))
    assert response.headers["Location"].endswith("/sign-in/tenancy")
    client.get("/repairs")  # not signed in yet
    assert client.get("/repairs").status_code == 302
    response = client_request.post_form(
        "/sign-in/tenancy", {"tenancy_reference": "tv-000001", "postcode": "ng7 1aa"}
    )
    assert response.headers["Location"].endswith("/repairs")
    assert client.get("/repairs").status_code == 200
    client_request.post_form("/sign-out", {})
    _ask(client_request)
    response = _code(client_request, latest_code(session, person.mobile))
    assert response.headers["Location"].endswith("/repairs")


def test_the_code_is_stored_only_as_a_keyed_hash_and_works_once(client_request, session, tenant):
    person, tenancy = tenant
    _ask(client_request)
    code = latest_code(session, person.mobile)
    row = session.scalars(select(SignInCode)).one()
    assert code not in (row.code_hash, row.salt) and len(row.code_hash) == 64
    sign_in_response = _code(client_request, code)
    assert sign_in_response.status_code == 302
    # Replaying the same code (a second tab, a shoulder-surfer) is refused.
    client_request.client.get("/sign-in/code")
    session.expire_all()
    assert session.get(SignInCode, row.id).used_at is not None


def test_a_wrong_code_gets_a_message_by_the_field_and_five_lock_the_code(
    client_request, session, tenant
):
    person, _ = tenant
    _ask(client_request)
    right = latest_code(session, person.mobile)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    html = _code(client_request, wrong, status=200).get_data(as_text=True)
    assert "The security code is not right" in html and "govuk-error-summary" in html
    for _ in range(4):
        _code(client_request, wrong, status=200)
    html = _code(client_request, right, status=200).get_data(as_text=True)
    assert "wrong code too many times" in html


def test_a_code_expires_after_ten_minutes(client_request, session, tenant):
    person, _ = tenant
    _ask(client_request)
    code = latest_code(session, person.mobile)
    session.execute(update(SignInCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    html = _code(client_request, code, status=200).get_data(as_text=True)
    assert "That code has expired" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the security code"),
        ("12345", "The security code is 6 numbers"),
        ("12345a", "The security code is 6 numbers"),
        ("1" * 500, "The security code is 6 numbers"),
        ("\u202e123456", "The security code is 6 numbers"),
    ],
)
def test_bad_codes_are_refused_by_the_field(client_request, session, tenant, typed, message):
    _ask(client_request)
    html = _code(client_request, typed, status=200).get_data(as_text=True)
    assert message in html


def test_digits_of_any_script_count(client_request, session, tenant):
    person, tenancy = tenant
    _ask(client_request)
    code = latest_code(session, person.mobile)
    arabic = "".join(chr(0x0660 + int(d)) for d in code)
    response = _code(client_request, arabic[:3] + " " + arabic[3:])
    assert response.headers["Location"].endswith("/sign-in/tenancy")


def test_a_resend_within_a_minute_sends_nothing_new_and_a_new_code_kills_the_old(
    client_request, session, tenant, app, monkeypatch
):
    person, _ = tenant
    _ask(client_request)
    first = latest_code(session, person.mobile)
    client_request.post_form("/sign-in/code/resend", {}, form_url="/sign-in/code")
    assert _messages(session) == 1
    monkeypatch.setitem(app.config, "SIGN_IN_RESEND_SECONDS", 0)
    client_request.post_form("/sign-in/code/resend", {}, form_url="/sign-in/code")
    assert _messages(session) == 2
    second = latest_code(session, person.mobile)
    if first != second:
        html = _code(client_request, first, status=200).get_data(as_text=True)
        assert "The security code is not right" in html
    assert _code(client_request, second).status_code == 302


def test_an_unknown_number_sees_the_same_pages_and_nothing_is_sent(client_request, session):
    response = _ask(client_request, "07700 900 999")
    assert response.headers["Location"].endswith("/sign-in/code")
    assert "If 07700 900999 is the number we hold" in client_request.get("/sign-in/code")
    assert _messages(session) == 0
    html = _code(client_request, "123456", status=200).get_data(as_text=True)
    assert "The security code is not right" in html


def test_a_child_on_the_tenancy_cannot_sign_in(client_request, session, factories):
    child, _ = factories.create_tenant(
        mobile="+447700900444", date_of_birth=date.today() - timedelta(days=365 * 15)
    )
    session.commit()
    _ask(client_request, "07700 900444")
    assert _messages(session) == 0


def test_any_adult_named_on_the_tenancy_can_sign_in(client_request, session, factories, tenant):
    from repairs.models import TenancyMember

    _, tenancy = tenant
    joint = Person(given_name="Amir", family_name="Rahman", mobile="+447700950001")
    session.add(joint)
    session.flush()
    session.add(TenancyMember(tenancy_id=tenancy.id, person_id=joint.id, role="joint"))
    session.commit()
    response = sign_in(client_request, session, joint, tenancy)
    assert response.headers["Location"].endswith("/repairs")


def test_wrong_tenancy_details_get_one_message_and_are_limited_per_reference(
    client_request, session, tenant, app
):
    person, tenancy = tenant
    _ask(client_request)
    _code(client_request, latest_code(session, person.mobile))
    limit = app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]
    for _ in range(limit):
        html = client_request.post_form(
            "/sign-in/tenancy",
            {"tenancy_reference": "TV-000001", "postcode": "XX1 1XX"},
            status=200,
        ).get_data(as_text=True)
        assert "The tenancy reference or postcode is not right" in html
    client_request.post_form(
        "/sign-in/tenancy",
        {"tenancy_reference": "TV-000001", "postcode": tenancy.home.postcode},
        status=429,
    )


def test_too_many_wrong_codes_stop_new_codes_for_that_mobile(client_request, session, tenant, app):
    person, _ = tenant
    limit = app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]
    _ask(client_request)
    right = latest_code(session, person.mobile)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(limit):
        _code(client_request, wrong, status=200)
    _ask(client_request, status=429)


def test_unused_codes_are_limited_per_mobile_but_successful_sign_ins_are_not(
    client_request, session, tenant, app, monkeypatch
):
    person, tenancy = tenant
    monkeypatch.setitem(app.config, "SIGN_IN_RESEND_SECONDS", 0)
    for _ in range(app.config["SIGN_IN_CODES_PER_HOUR"] + 2):
        assert sign_in(client_request, session, person, tenancy).status_code == 302
        client_request.post_form("/sign-out", {})
    _ask(client_request)
    for _ in range(app.config["SIGN_IN_CODES_PER_HOUR"] - 1):
        client_request.post_form("/sign-in/code/resend", {}, form_url="/sign-in/code")
    client_request.post_form("/sign-in/code/resend", {}, form_url="/sign-in/code", status=429)


def test_an_ipv6_network_counts_as_one_address():
    from portal.tenant.codes import network_of

    assert network_of("2001:db8:1:2:aaaa::1") == network_of("2001:db8:1:2:ffff::9")
    assert network_of("2001:db8:1:3::1") != network_of("2001:db8:1:2::1")
    assert network_of("::ffff:192.0.2.7") == "192.0.2.7"
    assert network_of("192.0.2.7") == "192.0.2.7"
    assert network_of("not an address") == "not an address"


def test_sign_in_returns_only_to_local_pages(client_request, session, tenant):
    person, tenancy = tenant
    response = sign_in(client_request, session, person, tenancy, next_url="?next=//evil.example")
    assert response.headers["Location"] == "/repairs"


def test_a_form_without_its_csrf_token_is_refused(client, tenant):
    response = client.post("/sign-in", data={"mobile": "07700900001"})
    assert response.status_code == 400
    assert "form was out of date" in response.get_data(as_text=True)
