import pytest

from tests.html import summary_rows


@pytest.fixture
def agent(factories, session):
    staff = factories.create_staff(role="agent", password="a long pass phrase")
    session.commit()
    return staff


def test_staff_sign_in_and_see_open_repairs_counted_from_the_data(
    client_request, factories, session, agent
):
    home = factories.create_property()
    factories.create_repair(home, status="booked", priority="emergency")
    factories.create_repair(home, status="booked", priority="urgent")
    factories.create_repair(home, status="completed", priority="urgent")
    session.commit()
    client_request.post_form(
        "/staff/sign-in", {"email": agent.email.upper(), "password": "a long pass phrase"}
    )
    html = client_request.get("/staff/")
    assert agent.name in html
    assert summary_rows(html) == {"Emergency": "1", "Urgent": "1", "Routine": "0"}


def test_a_wrong_password_is_refused(client_request, agent):
    response = client_request.post_form(
        "/staff/sign-in", {"email": agent.email, "password": "guess"}, status=200
    )
    assert "The email address or password is not right" in response.get_data(as_text=True)
    client_request.get("/staff/", status=302)


def test_an_inactive_account_cannot_sign_in(client_request, factories, session):
    staff = factories.create_staff(password="a long pass phrase", active=False)
    session.commit()
    client_request.post_form(
        "/staff/sign-in", {"email": staff.email, "password": "a long pass phrase"}, status=200
    )


def test_a_tenant_cannot_reach_staff_pages(client_request, factories, session):
    factories.create_tenant(mobile="+447700900001", reference="TV-000001")
    session.commit()
    client_request.post_form(
        "/sign-in", {"mobile": "07700900001", "tenancy_reference": "TV-000001"}
    )
    response = client_request.client.get("/staff/")
    assert response.status_code == 302
    assert "/staff/sign-in" in response.headers["Location"]


def test_staff_passwords_are_stored_as_argon2_hashes(agent):
    assert agent.password_hash.startswith("$argon2id$")
    assert agent.check_password("a long pass phrase")
    assert not agent.check_password("A long pass phrase")
