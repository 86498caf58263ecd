"""Admins add, disable, enable and reset staff accounts; each change is logged, and those
that take access away end the account's sessions at once."""

from __future__ import annotations

import re

from sqlalchemy import select

from repairs.models import StaffAccountEvent, StaffRecoveryCode, StaffUser
from tests.conftest import ClientRequest
from tests.html import visible_text
from tests.staff.conftest import sign_in

TEMPORARY = re.compile(r'id="temporary-password">([^<]+)<')


def _add(client_request, **values):
    data = {"name": "Priya Shah", "email": "Priya.Shah@trentvale.example", "role": "agent"}
    return client_request.post_form("/staff/admin/staff/new", data | values, status=200)


def test_an_admin_adds_an_account_whose_temporary_password_must_be_changed(
    app, client_request, signed_in, session
):
    admin = signed_in("admin")
    page = _add(client_request).get_data(as_text=True)
    password = TEMPORARY.search(page).group(1)
    created = session.scalar(
        select(StaffUser).where(StaffUser.email == "priya.shah@trentvale.example")
    )
    assert created.role == "agent" and created.must_change_password
    event = session.scalar(
        select(StaffAccountEvent).where(StaffAccountEvent.staff_id == created.id)
    )
    assert (event.kind, event.actor_id) == ("created", admin.id)
    newcomer = ClientRequest(app.test_client())
    response = newcomer.post_form(
        "/staff/sign-in", {"email": "priya.shah@trentvale.example", "password": password}
    )
    assert response.headers["Location"].endswith("/staff/sign-in/new-password")


def test_adding_checks_what_was_typed(client_request, signed_in, create_member):
    signed_in("admin")
    existing = create_member("agent")
    text = visible_text(_add(client_request, email="not an address").get_data(as_text=True))
    assert "Enter an email address in the correct format" in text
    text = visible_text(_add(client_request, email=existing.email.upper()).get_data(as_text=True))
    assert "There is already an account with that email address" in text
    text = visible_text(_add(client_request, role="overlord").get_data(as_text=True))
    assert "Not a valid choice" in text or "Choose a role" in text


def test_disabling_an_account_signs_it_out_everywhere(
    app, client_request, signed_in, create_member, session
):
    signed_in("admin")
    agent = create_member("agent")
    theirs = ClientRequest(app.test_client())
    sign_in(theirs, agent)
    client_request.post_form(
        f"/staff/admin/staff/{agent.id}/disable", {}, form_url=f"/staff/admin/staff/{agent.id}"
    )
    response = theirs.client.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
    theirs.post_form(
        "/staff/sign-in",
        {"email": agent.email, "password": "a long pass phrase for tests"},
        status=200,
    )
    client_request.post_form(
        f"/staff/admin/staff/{agent.id}/enable", {}, form_url=f"/staff/admin/staff/{agent.id}"
    )
    sign_in(theirs, agent)
    kinds = session.scalars(
        select(StaffAccountEvent.kind)
        .where(StaffAccountEvent.staff_id == agent.id)
        .order_by(StaffAccountEvent.id)
    ).all()
    assert kinds == ["disabled", "enabled"]


def test_an_admin_cannot_lock_themselves_out(client_request, signed_in, session):
    admin = signed_in("admin")
    response = client_request.post_form(
        f"/staff/admin/staff/{admin.id}/disable", {}, form_url=f"/staff/admin/staff/{admin.id}"
    )
    page = visible_text(client_request.get(response.headers["Location"]))
    assert "You cannot disable your own account" in page
    session.expire_all()
    assert session.get(StaffUser, admin.id).active


def test_a_reset_password_works_once_and_ends_old_sessions(
    app, client_request, signed_in, create_member, session
):
    signed_in("admin")
    agent = create_member("agent")
    theirs = ClientRequest(app.test_client())
    sign_in(theirs, agent)
    page = client_request.post_form(
        f"/staff/admin/staff/{agent.id}/reset-password",
        {},
        status=200,
        form_url=f"/staff/admin/staff/{agent.id}",
    ).get_data(as_text=True)
    password = TEMPORARY.search(page).group(1)
    assert theirs.client.get("/staff/").status_code == 302
    theirs.post_form(
        "/staff/sign-in",
        {"email": agent.email, "password": "a long pass phrase for tests"},
        status=200,
    )
    response = theirs.post_form("/staff/sign-in", {"email": agent.email, "password": password})
    assert response.headers["Location"].endswith("/staff/sign-in/new-password")


def test_resetting_the_app_makes_them_set_up_a_new_one(
    client_request, signed_in, create_member, session
):
    signed_in("admin")
    supervisor = create_member("supervisor")
    session.add(StaffRecoveryCode(staff_id=supervisor.id, code_hash="0" * 64))
    session.commit()
    client_request.post_form(
        f"/staff/admin/staff/{supervisor.id}/reset-two-factor",
        {},
        form_url=f"/staff/admin/staff/{supervisor.id}",
    )
    session.expire_all()
    assert not session.get(StaffUser, supervisor.id).has_two_factor
    assert session.scalars(select(StaffRecoveryCode)).all() == []


def test_changing_a_role_takes_effect_at_once(
    app, client_request, signed_in, create_member, session
):
    signed_in("admin")
    agent = create_member("agent")
    client_request.post_form(
        f"/staff/admin/staff/{agent.id}/role",
        {"role": "surveyor"},
        form_url=f"/staff/admin/staff/{agent.id}",
    )
    session.expire_all()
    assert session.get(StaffUser, agent.id).role == "surveyor"
    page = visible_text(client_request.get(f"/staff/admin/staff/{agent.id}"))
    assert "Role changed (agent → surveyor)" in page


def test_the_staff_list_shows_every_account(client_request, signed_in, create_member):
    signed_in("admin")
    others = [create_member(role) for role in ("agent", "surveyor")]
    page = visible_text(client_request.get("/staff/admin/staff"))
    for member in others:
        assert member.email in page
