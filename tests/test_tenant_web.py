"""The walking skeleton through the web: a tenant signs in and sees only their household."""

from datetime import date

import pytest


@pytest.fixture
def household(factories, session):
    tenant, tenancy = factories.create_tenant(mobile="+447700900001", reference="TV-000001")
    home = tenancy.home
    ours = [factories.create_repair(home, description=f"Our repair {n}") for n in range(3)]
    neighbour_home = factories.create_property()
    theirs = factories.create_repair(neighbour_home, description="Neighbour's leak")
    session.commit()
    return tenant, tenancy, ours, theirs


def sign_in(client_request, mobile="07700 900 001", reference="tv-000001", status=302):
    return client_request.post_form(
        "/sign-in", {"mobile": mobile, "tenancy_reference": reference}, status=status
    )


def test_the_start_page_explains_the_service_and_gas_safety(client_request):
    html = client_request.get("/")
    assert "Report and track a repair" in html
    assert "0800 111 999" in html
    assert "Trent Vale Homes" in html


def test_a_tenant_signs_in_and_sees_their_household_repairs_only(client_request, household):
    _, _, ours, theirs = household
    response = sign_in(client_request)
    assert response.headers["Location"].endswith("/repairs")
    html = client_request.get("/repairs")
    for repair in ours:
        assert repair.reference in html
    assert theirs.reference not in html
    assert "3 repairs for your home" in html


def test_a_tenant_cannot_open_another_household_repair(client_request, household):
    _, _, ours, theirs = household
    sign_in(client_request)
    assert "Our repair 0" in client_request.get(f"/repairs/{ours[0].reference}")
    client_request.get(f"/repairs/{theirs.reference}", status=404)


def test_wrong_details_get_one_error_that_reveals_nothing(client_request, household):
    response = sign_in(client_request, reference="TV-999999", status=200)
    html = response.get_data(as_text=True)
    assert "There is a problem" in html
    assert "We could not find a tenancy with that mobile number and reference" in html
    client_request.get("/repairs", status=302)


@pytest.mark.parametrize(
    ("mobile", "reference", "message"),
    [
        ("", "TV-000001", "Enter your mobile phone number"),
        ("0115 496 0000", "TV-000001", "Enter a UK mobile number"),
        ("07700 900001", "", "Enter your tenancy reference"),
        ("07700 900001", "X" * 21, "20 characters or fewer"),
    ],
)
def test_bad_input_gets_a_field_error(client_request, household, mobile, reference, message):
    html = sign_in(client_request, mobile, reference, status=200).get_data(as_text=True)
    assert message in html
    assert "govuk-error-summary" in html


def test_an_ended_tenancy_cannot_sign_in(client_request, factories, session):
    factories.create_tenant(
        mobile="+447700900222", reference="TV-000222", start=date(2015, 1, 1), end=date(2020, 1, 1)
    )
    session.commit()
    html = sign_in(client_request, "07700 900222", "TV-000222", status=200).get_data(as_text=True)
    assert "We could not find a tenancy" in html


def test_pages_need_a_signed_in_tenant(client_request):
    response = client_request.client.get("/repairs")
    assert response.status_code == 302
    assert "/sign-in?next=/repairs" in response.headers["Location"]


def test_sign_in_returns_only_to_local_pages(client_request, household):
    token = client_request.csrf_token("/sign-in")
    response = client_request.client.post(
        "/sign-in?next=https://evil.example/steal",
        data={"csrf_token": token, "mobile": "07700900001", "tenancy_reference": "TV-000001"},
    )
    assert response.headers["Location"] == "/repairs"


def test_a_form_without_its_csrf_token_is_refused_and_signs_nobody_in(client_request, household):
    response = client_request.client.post(
        "/sign-in", data={"mobile": "07700900001", "tenancy_reference": "TV-000001"}
    )
    assert response.status_code == 400
    assert "form was out of date" in response.get_data(as_text=True)
    client_request.get("/repairs", status=302)


def test_sign_in_attempts_are_rate_limited(client_request, household, app):
    limit = app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]
    for _ in range(limit):
        sign_in(client_request, reference="TV-999999", status=200)
    sign_in(client_request, reference="TV-999999", status=429)
    # Even the right details are refused until the hour is up.
    sign_in(client_request, status=429)


def test_sign_out_ends_the_session(client_request, household):
    sign_in(client_request)
    client_request.post_form("/sign-out", {}, form_url="/repairs")
    client_request.get("/repairs", status=302)


def test_the_history_shows_newest_first_with_paging(client_request, factories, session):
    from datetime import UTC, datetime, timedelta

    _, tenancy = factories.create_tenant(mobile="+447700900003", reference="TV-000003")
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for n in range(25):
        factories.create_repair(
            tenancy.home, description=f"Job {n:02d}", reported_at=start + timedelta(days=n)
        )
    session.commit()
    sign_in(client_request, "07700900003", "TV-000003")
    first = client_request.get("/repairs")
    assert first.index("Job 24") < first.index("Job 23")
    assert "Job 04" not in first
    assert "Job 04" in client_request.get("/repairs?page=2")
    assert "Job 24" in client_request.get("/repairs?page=abc")


def test_appointments_show_in_london_time_across_summer_time(client_request, factories, session):
    from datetime import UTC, datetime

    from repairs.models import Appointment

    _, tenancy = factories.create_tenant(mobile="+447700900004", reference="TV-000004")
    repair = factories.create_repair(tenancy.home, status="booked")
    for start in (datetime(2026, 7, 14, 7, tzinfo=UTC), datetime(2026, 12, 14, 8, tzinfo=UTC)):
        session.add(
            Appointment(
                repair_id=repair.id,
                window="morning",
                starts_at=start,
                ends_at=start.replace(hour=start.hour + 4),
                channel="web",
            )
        )
    session.commit()
    sign_in(client_request, "07700900004", "TV-000004")
    html = client_request.get(f"/repairs/{repair.reference}")
    assert "14 July 2026, between 08:00 and 12:00" in html
    assert "14 December 2026, between 08:00 and 12:00" in html


def test_a_tenant_preference_is_stored_and_dates_follow_the_locale(
    client_request, factories, session
):
    from datetime import UTC, datetime

    from repairs.models import Person

    tenant, tenancy = factories.create_tenant(mobile="+447700900005", reference="TV-000005")
    repair = factories.create_repair(
        tenancy.home, reported_at=datetime(2026, 11, 3, 10, tzinfo=UTC)
    )
    session.commit()
    sign_in(client_request, "07700900005", "TV-000005")
    client_request.client.get("/language/pl")
    session.expire_all()
    assert session.get(Person, tenant.id).preferred_language == "pl"
    client_request.client.delete_cookie("locale")
    html = client_request.get(f"/repairs/{repair.reference}")
    assert "3 listopada 2026" in html
    assert "Twoje naprawy" in client_request.get("/repairs")
