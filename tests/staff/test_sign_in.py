"""Signing in: a password checked with equal work for every address, a second factor for
the roles that need it, recovery codes, throttling, forced password change, idle timeout."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine
from argon2 import PasswordHasher
from sqlalchemy import select

from repairs.models import StaffAccountEvent, StaffRecoveryCode, StaffUser
from tests.html import visible_text
from tests.staff.conftest import PASSWORD, code, sign_in


def _password(client_request, staff, password=PASSWORD, status=302):
    return client_request.post_form(
        "/staff/sign-in", {"email": staff.email, "password": password}, status=status
    )


def test_an_agent_signs_in_with_a_password_alone(client_request, create_member, session):
    agent = create_member("agent")
    response = _password(client_request, agent)
    assert response.headers["Location"].endswith("/staff/")
    assert "Find a tenant" in client_request.get("/staff/")
    session.refresh(agent)
    assert agent.last_sign_in_at is not None


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_and_admins_must_give_the_code_from_their_app(
    client_request, create_member, role
):
    member = create_member(role)
    response = _password(client_request, member)
    assert response.headers["Location"].endswith("/staff/sign-in/code")
    # The password alone opens nothing.
    client_request.get("/staff/", status=302)
    page = client_request.post_form("/staff/sign-in/code", {"code": "000000"}, status=200).get_data(
        as_text=True
    )
    assert "The code is not right, or it has expired" in page
    response = client_request.post_form("/staff/sign-in/code", {"code": code()})
    assert response.headers["Location"].endswith("/staff/")
    client_request.get("/staff/")


def test_a_code_works_once(client_request, create_member):
    supervisor = create_member("supervisor")
    now = datetime.now(UTC)
    used = code(at=now)
    _password(client_request, supervisor)
    client_request.post_form("/staff/sign-in/code", {"code": used})
    client_request.post_form("/staff/sign-out", {}, form_url="/staff/")
    _password(client_request, supervisor)
    page = client_request.post_form("/staff/sign-in/code", {"code": used}, status=200)
    assert "The code is not right" in page.get_data(as_text=True)


def test_a_supervisor_without_an_app_sets_one_up_and_gets_recovery_codes(
    client_request, create_member, session
):
    supervisor = create_member("supervisor", app=False)
    response = _password(client_request, supervisor)
    assert response.headers["Location"].endswith("/staff/sign-in/set-up-authenticator")
    page = client_request.get("/staff/sign-in/set-up-authenticator")
    assert "<svg" in page  # the QR code, drawn on the server
    secret = re.search(r'id="totp-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    page = client_request.post_form(
        "/staff/sign-in/set-up-authenticator", {"code": pyotp.TOTP(secret).now()}, status=200
    ).get_data(as_text=True)
    codes = re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>", page)
    assert len(codes) == 10
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client_request.client.post("/staff/sign-in/continue", data={"csrf_token": token})
    assert response.headers["Location"].endswith("/staff/")
    session.expire_all()
    stored = session.get(StaffUser, supervisor.id)
    assert stored.has_two_factor and stored.totp_secret == secret
    hashes = session.scalars(select(StaffRecoveryCode.code_hash)).all()
    assert len(hashes) == 10 and not any(c in hashes for c in codes)  # only hashes are kept


def test_a_recovery_code_signs_in_once(client_request, create_member, session):
    from repairs.accounts import issue_recovery_codes

    supervisor = create_member("supervisor")
    codes = issue_recovery_codes(session, supervisor, datetime.now(UTC))
    session.commit()
    _password(client_request, supervisor)
    client_request.post_form("/staff/sign-in/code", {"code": codes[0].upper()})
    client_request.post_form("/staff/sign-out", {}, form_url="/staff/")
    _password(client_request, supervisor)
    client_request.post_form("/staff/sign-in/code", {"code": codes[0]}, status=200)
    kinds = session.scalars(
        select(StaffAccountEvent.kind).where(StaffAccountEvent.staff_id == supervisor.id)
    ).all()
    assert kinds.count("recovery_code_used") == 1


def test_an_admin_can_ask_an_agent_for_an_app(client_request, create_member):
    agent = create_member("agent", two_factor_required=True)
    response = _password(client_request, agent)
    assert response.headers["Location"].endswith("/staff/sign-in/set-up-authenticator")


def test_the_code_step_cannot_be_reached_without_the_password(client_request, create_member):
    create_member("supervisor")
    for step in ("code", "set-up-authenticator", "new-password"):
        response = client_request.client.get(f"/staff/sign-in/{step}")
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/staff/sign-in")


def test_the_password_step_expires_after_ten_minutes(client_request, create_member):
    supervisor = create_member("supervisor")
    with time_machine.travel(datetime.now(UTC), tick=True) as traveller:
        _password(client_request, supervisor)
        traveller.shift(timedelta(minutes=11))
        response = client_request.client.get("/staff/sign-in/code")
    assert response.headers["Location"].endswith("/staff/sign-in")


@pytest.mark.parametrize(
    "case", ["unknown address", "disabled account", "wrong password", "right password"]
)
def test_every_attempt_costs_one_argon2_verification(
    client_request, create_member, monkeypatch, case
):
    agent = create_member("agent", active=case != "disabled account")
    calls = []
    real = PasswordHasher.verify

    def counting(self, hash, password):
        calls.append(hash)
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    email = "nobody@trentvale.example" if case == "unknown address" else agent.email
    password = PASSWORD if case != "wrong password" else "not the password at all"
    response = client_request.client.post(
        "/staff/sign-in",
        data={
            "csrf_token": client_request.csrf_token("/staff/sign-in"),
            "email": email,
            "password": password,
        },
    )
    assert len(calls) == 1
    assert calls[0].startswith("$argon2id$")
    assert response.status_code == (302 if case == "right password" else 200)


def test_sign_in_is_throttled_per_address(client_request, create_member, app):
    agent = create_member("agent")
    limit = app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]
    for _ in range(limit):
        _password(client_request, agent, password="wrong wrong wrong", status=200)
    response = _password(client_request, agent, status=429)
    assert "Too many attempts" in response.get_data(as_text=True)


def test_codes_are_throttled_per_account(client_request, create_member, app):
    supervisor = create_member("supervisor")
    _password(client_request, supervisor)
    for _ in range(app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]):
        client_request.post_form("/staff/sign-in/code", {"code": "123456"}, status=200)
    client_request.post_form("/staff/sign-in/code", {"code": code()}, status=429)


def test_a_temporary_password_must_be_replaced_at_once(client_request, create_member, session):
    agent = create_member("agent", must_change_password=True)
    response = _password(client_request, agent)
    assert response.headers["Location"].endswith("/staff/sign-in/new-password")
    client_request.get("/staff/", status=302)
    page = client_request.post_form(
        "/staff/sign-in/new-password", {"password": "short", "confirm": "short"}, status=200
    ).get_data(as_text=True)
    assert "Your password must be 12 characters or more" in page
    page = client_request.post_form(
        "/staff/sign-in/new-password",
        {"password": "a brand new pass phrase", "confirm": "a different one entirely"},
        status=200,
    ).get_data(as_text=True)
    assert "The passwords do not match" in page
    response = client_request.post_form(
        "/staff/sign-in/new-password",
        {"password": "a brand new pass phrase", "confirm": "a brand new pass phrase"},
    )
    assert response.headers["Location"].endswith("/staff/")
    session.expire_all()
    stored = session.get(StaffUser, agent.id)
    assert not stored.must_change_password and stored.check_password("a brand new pass phrase")


def test_an_idle_staff_session_ends(client_request, create_member, app):
    agent = create_member("agent")
    idle = app.config["STAFF_IDLE_MINUTES"]
    with time_machine.travel(datetime.now(UTC), tick=True) as traveller:
        sign_in(client_request, agent)
        traveller.shift(timedelta(minutes=idle - 1))
        client_request.get("/staff/")
        traveller.shift(timedelta(minutes=idle + 1))
        response = client_request.client.get("/staff/")
        assert response.status_code == 302
        page = client_request.get(response.headers["Location"])
    assert "signed out because you were inactive" in visible_text(page)


def test_staff_pages_are_never_cached(client_request, create_member):
    sign_in(client_request, create_member("agent"))
    response = client_request.client.get("/staff/")
    assert response.headers["Cache-Control"] == "no-store"
    assert client_request.client.get("/staff/sign-in").headers["Cache-Control"] == "no-store"
