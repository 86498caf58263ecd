"""Every staff route, walked as nobody, as a tenant and as each role: each gets the sign-in
page, a 403, or the page. The expectations are written out here, apart from the code's
own table, and every route the app has must be listed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.models import StaffUser
from tests.conftest import CSRF_RE, ClientRequest
from tests.staff.conftest import sign_in

ROLES = ("agent", "supervisor", "surveyor", "admin")
EVERYONE = set(ROLES)
CALL_HANDLERS = {"agent", "supervisor"}
QUEUE_WORKERS = {"agent", "supervisor", "surveyor"}
MANAGERS = {"supervisor", "admin"}

EXPECTED = {
    "staff.overview": EVERYONE,
    "staff.search": EVERYONE,
    "staff.household": EVERYONE,
    "staff.repair": EVERYONE,
    "staff.audit": EVERYONE,
    "staff.audit_csv": EVERYONE,
    "staff.account": EVERYONE,
    "staff.account_password": EVERYONE,
    "staff.account_two_factor": EVERYONE,
    "staff.account_recovery_codes": EVERYONE,
    "staff.sign_out": EVERYONE,
    "staff.book": CALL_HANDLERS,
    # Raising a repair on a household's behalf: every step of the journey.
    "staff.report": CALL_HANDLERS,
    "staff.report_restart": CALL_HANDLERS,
    "staff.report_emergency": CALL_HANDLERS,
    "staff.report_call_now": CALL_HANDLERS,
    "staff.report_where": CALL_HANDLERS,
    "staff.report_what": CALL_HANDLERS,
    "staff.report_which": CALL_HANDLERS,
    "staff.report_describe": CALL_HANDLERS,
    "staff.report_one_of_these": CALL_HANDLERS,
    "staff.report_safety": CALL_HANDLERS,
    "staff.report_question": CALL_HANDLERS,
    "staff.report_details": CALL_HANDLERS,
    "staff.report_check": CALL_HANDLERS,
    "staff.report_tell_us": CALL_HANDLERS,
    "staff.report_existing": CALL_HANDLERS,
    "staff.cancel_appointment": CALL_HANDLERS,
    "staff.override_triage": QUEUE_WORKERS,
    "staff.request_video": QUEUE_WORKERS,
    "staff.queues": QUEUE_WORKERS,
    "staff.queue": QUEUE_WORKERS,
    "staff.take": QUEUE_WORKERS,
    "staff.finish": QUEUE_WORKERS,
    "staff.performance": MANAGERS,
    "staff.performance_csv": MANAGERS,
    "staff.admin_staff": {"admin"},
    "staff.admin_add": {"admin"},
    "staff.admin_member": {"admin"},
    "staff.admin_action": {"admin"},
}
# Before a staff session exists: the first is a page for all, the rest need the password.
SIGN_IN_STEPS = {
    "staff.sign_in",
    "staff.second_factor",
    "staff.set_up_authenticator",
    "staff.new_password",
    "staff.sign_in_continue",
}


@pytest.fixture
def world(factories, session, create_member):
    _, tenancy = factories.create_tenant(mobile="+447700900001", reference="TV-000001")
    repair = factories.create_repair(tenancy.home, status="awaiting_appointment")
    from repairs.models import WorkItem

    item = WorkItem(
        kind="callback",
        status="open",
        channel="web",
        requested_by="tenant",
        person_id=tenancy.members[0].person_id if tenancy.members else None,
    )
    session.add(item)
    session.commit()
    members = {role: create_member(role) for role in ROLES}
    return {
        "reference": repair.reference,
        "tenancy": tenancy.reference,
        "item_id": item.id,
        "staff_id": members["agent"].id,
        "members": members,
    }


ARGUMENTS = {
    "reference": lambda w: w["reference"],
    "kind": lambda w: "callback",
    "item_id": lambda w: w["item_id"],
    "staff_id": lambda w: w["staff_id"],
    "action": lambda w: "no-such-action",
    "figure": lambda w: "channels",
    "n": lambda w: 0,
}


def _requests(app, world):
    """(endpoint, method, url) for every staff route and each of its methods."""
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("staff."):
            continue
        values = {}
        for name in rule.arguments:
            if name == "reference" and "households" in rule.rule:
                values[name] = world["tenancy"]
            else:
                values[name] = ARGUMENTS[name](world)
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def _token(client) -> str:
    # A real CSRF token, so what answers is the access rule and not the CSRF check.
    for page in ("/staff/sign-in", "/staff/account", "/sign-in"):
        match = CSRF_RE.search(client.get(page).get_data(as_text=True))
        if match:
            return match.group(1)
    raise AssertionError("no page gave a CSRF token")


def _send(client, method, url):
    if method == "POST":
        return client.post(url, data={"csrf_token": _token(client)})
    return client.get(url)


def _is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_every_staff_route_has_an_expectation(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.")}
    assert endpoints == set(EXPECTED) | SIGN_IN_STEPS


def test_nobody_signed_in_is_sent_to_sign_in(app, world):
    client = app.test_client()
    for endpoint, method, url in _requests(app, world):
        response = _send(client, method, url)
        if endpoint == "staff.sign_in":
            assert response.status_code == 200
        else:
            assert _is_sign_in_redirect(response), (endpoint, method, response.status_code)


def test_a_tenant_is_sent_to_the_staff_sign_in(app, world, session):
    from repairs.models import Person, Tenancy
    from tests.tenant_helpers import sign_in as tenant_sign_in

    client = app.test_client()
    tenant = ClientRequest(client)
    person = session.scalar(select(Person).where(Person.mobile == "+447700900001"))
    tenancy = session.scalar(select(Tenancy).where(Tenancy.reference == "TV-000001"))
    tenant_sign_in(tenant, session, person, tenancy)
    assert tenant.get("/repairs")  # signed in as the tenant
    for endpoint, method, url in _requests(app, world):
        if endpoint == "staff.sign_in":
            continue
        response = _send(client, method, url)
        assert _is_sign_in_redirect(response), (endpoint, method, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_its_pages_and_gets_403_elsewhere(app, world, role, session):
    client = app.test_client()
    member = world["members"][role]
    sign_in(ClientRequest(client), member)
    walked = 0
    for endpoint, method, url in _requests(app, world):
        if endpoint in SIGN_IN_STEPS or endpoint == "staff.sign_out":
            continue
        response = _send(client, method, url)
        walked += 1
        if role in EXPECTED[endpoint]:
            assert response.status_code != 403, (endpoint, method, url)
            assert not _is_sign_in_redirect(response), (endpoint, method, url)
            assert response.status_code < 500, (endpoint, method, url)
        else:
            assert response.status_code == 403, (endpoint, method, url, response.status_code)
    assert walked >= len(EXPECTED) - 1
    # Still signed in after the walk: a 403 does not end the session.
    assert client.get("/staff/").status_code == 200
    assert session.scalar(select(StaffUser.active).where(StaffUser.id == member.id))
