"""The tenant's repairs through the web: only their household's (their home's, and their
block's communal ones, since their tenancy began), open first; every route refuses another
household's identifiers with a 404 and never answers 500."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from repairs.models import Appointment, Block, Repair
from tests.html import visible_text
from tests.tenant_helpers import sign_in


@pytest.fixture
def neighbours(factories, session, demo_home, demo_block):
    """Another household in the same block, and one elsewhere, each with a repair."""
    next_door = factories.create_property(block_id=demo_block.id, kind="flat")
    _, their_tenancy = factories.create_tenant(home=next_door)
    theirs = factories.create_repair(next_door, description="Neighbour's leak")
    far = factories.create_property()
    factories.create_tenant(home=far)
    elsewhere = factories.create_repair(
        far, description="Far away leak", photos=["a" * 32 + ".jpg"]
    )
    session.commit()
    return theirs, elsewhere


@pytest.fixture
def ours(factories, session, demo_tenant, demo_block):
    _, tenancy = demo_tenant
    home = tenancy.home
    mine = [factories.create_repair(home, description=f"Our repair {n}") for n in range(3)]
    communal = factories.create_repair(
        home, description="Lift is broken", property_id=None, block_id=demo_block.id
    )
    before = factories.create_repair(
        home,
        description="Before we moved in",
        reported_at=datetime(2019, 6, 1, 9, tzinfo=UTC),
    )
    done = factories.create_repair(home, status="completed", description="Fixed last month")
    session.commit()
    return mine, communal, before, done


def test_the_start_page_explains_the_service_and_gas_safety(client_request):
    html = client_request.get("/")
    assert "Report and track a repair" in html
    assert "0800 111 999" in html
    assert "Trent Vale Homes" in html


def test_the_list_shows_the_household_and_its_block_since_the_tenancy_began(
    client_request, signed_in, ours, neighbours
):
    mine, communal, before, done = ours
    html = visible_text(client_request.get("/repairs"))
    for repair in [*mine, communal, done]:
        assert repair.reference in html
    assert before.reference not in html
    for repair in neighbours:
        assert repair.reference not in html
    assert "Shared areas of Trent House" in html
    assert html.index(mine[0].reference) < html.index(done.reference), "open repairs first"
    assert "4 open repairs" in html and "1 finished or cancelled repair" in html


def test_another_household_s_repair_is_not_found(client_request, signed_in, neighbours, ours):
    for repair in neighbours:
        client_request.get(f"/repairs/{repair.reference}", status=404)
    client_request.get(f"/repairs/{ours[2].reference}", status=404)  # before the tenancy
    assert "Lift is broken" in client_request.get(f"/repairs/{ours[1].reference}")


@pytest.mark.parametrize("page", ["²", "-1", "0", "abc", "9" * 50, "1e3", "١", "%00", "2"])
def test_odd_page_numbers_are_page_one_or_the_last(client_request, signed_in, ours, page):
    html = client_request.get(f"/repairs?page={page}")
    assert ours[3].reference in html


def test_the_history_pages_twenty_at_a_time(client_request, signed_in, factories, session):
    home = signed_in[1].home
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for n in range(25):
        factories.create_repair(
            home,
            status="completed",
            description=f"Job {n:02d}",
            reported_at=start + timedelta(days=n),
            problem=None,
        )
    session.commit()
    first = client_request.get("/repairs")
    assert first.index("Job 24") < first.index("Job 23")
    assert "Job 04" not in first
    assert "Job 04" in client_request.get("/repairs?page=2")
    assert 'aria-label="Page 2"' in first


def test_appointments_show_in_london_time_across_summer_time(
    client_request, session, signed_in, factories
):
    repair = factories.create_repair(signed_in[1].home, status="booked")
    for start in (datetime(2026, 7, 14, 7, tzinfo=UTC), datetime(2026, 12, 14, 8, tzinfo=UTC)):
        session.add(
            Appointment(
                repair_id=repair.id,
                window="morning",
                starts_at=start,
                ends_at=start.replace(hour=start.hour + 4),
                channel="web",
                status="cancelled",
            )
        )
    session.add(
        Appointment(
            repair_id=repair.id,
            window="morning",
            starts_at=datetime(2027, 7, 14, 7, tzinfo=UTC),
            ends_at=datetime(2027, 7, 14, 11, tzinfo=UTC),
            channel="web",
        )
    )
    session.commit()
    html = visible_text(client_request.get(f"/repairs/{repair.reference}"))
    assert "14 July 2027, between 08:00 and 12:00" in html


def test_damp_and_mould_show_the_awaab_s_law_dates(client_request, session, signed_in, factories):
    repair = factories.create_repair(
        signed_in[1].home,
        status="awaiting_appointment",
        category="damp_mould",
        hazard="awaab_significant",
        priority="urgent",
        awaab_investigate_by=datetime(2026, 11, 16, 17, tzinfo=UTC),
        awaab_summary_by=None,
    )
    session.commit()
    html = visible_text(client_request.get(f"/repairs/{repair.reference}"))
    assert "What the law says we must do" in html
    assert "Investigate the hazard by 16 November 2026" in html


def test_the_timeline_comes_from_the_audit_trail(client_request, session, signed_in, operatives):
    from tests.test_tenant_report import report_in_own_words

    reference = report_in_own_words(client_request, "The kitchen tap is dripping all the time")
    html = visible_text(client_request.get(f"/repairs/{reference}"))
    history = html.split("History", 1)[1]
    assert history.index("Reported") < history.index("Assessed")
    assert "Ready for an appointment" in history


def test_a_tenant_preference_is_stored_and_dates_follow_the_locale(
    client_request, session, signed_in, factories
):
    from repairs.models import Person

    repair = factories.create_repair(
        signed_in[1].home, reported_at=datetime(2026, 11, 3, 10, tzinfo=UTC)
    )
    session.commit()
    client_request.client.get("/language/pl")
    session.expire_all()
    assert session.get(Person, signed_in[0].id).preferred_language == "pl"
    client_request.client.delete_cookie("locale")
    assert "3 listopada 2026" in client_request.get(f"/repairs/{repair.reference}")
    assert "Twoje naprawy" in client_request.get("/repairs")


def test_contact_preferences_are_stored_on_the_person(client_request, session, signed_in):
    from repairs.models import Person

    client_request.post_form("/account/messages", {"channel": "whatsapp"})
    client_request.post_form("/account/reminders", {"reminders": "no"})
    client_request.post_form("/account/language", {"language": "pl"})
    session.expire_all()
    person = session.get(Person, signed_in[0].id)
    assert (person.preferred_channel, person.consent_whatsapp) == ("whatsapp", True)
    assert person.reminders is False and person.preferred_language == "pl"
    for url, data in [
        ("/account/messages", {"channel": "pigeon"}),
        ("/account/reminders", {"reminders": "maybe"}),
        ("/account/language", {"language": "xx"}),
        ("/account/language", {}),
    ]:
        html = client_request.post_form(url, data, status=200).get_data(as_text=True)
        assert "govuk-error-summary" in html
    session.expire_all()
    assert session.get(Person, signed_in[0].id).preferred_language == "pl"


def test_sign_out_everywhere_ends_every_session(app, client_request, session, demo_tenant):
    person, tenancy = demo_tenant
    other = app.test_client()
    from tests.conftest import ClientRequest

    sign_in(ClientRequest(other), session, person, tenancy)
    sign_in(client_request, session, person, tenancy)
    assert other.get("/repairs").status_code == 200
    client_request.post_form("/account/sign-out-everywhere", {})
    assert other.get("/repairs").status_code == 302
    assert client_request.client.get("/repairs").status_code == 302


def test_pages_need_a_signed_in_tenant(client):
    for url in ("/repairs", "/report", "/account", "/repairs/ABC-DEFG"):
        response = client.get(url)
        assert response.status_code == 302
        assert f"/sign-in?next={url}" in response.headers["Location"]


def test_an_ended_tenancy_cannot_sign_in(client_request, factories, session):
    person, tenancy = factories.create_tenant(
        mobile="+447700900222", start=date(2015, 1, 1), end=date(2020, 1, 1)
    )
    session.commit()
    client_request.post_form("/sign-in", {"mobile": "07700 900222"})
    from sqlalchemy import func, select

    from repairs.models import OutboundMessage

    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 0


def _tenant_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("tenant.")]


def test_every_route_answers_404_for_another_household_s_identifiers(
    app, client_request, session, signed_in, neighbours
):
    """Every tenant route that takes a reference (or a photo key), with the neighbour's."""
    theirs, elsewhere = neighbours
    token = client_request.csrf_token("/account/messages")
    walked = 0
    for rule in _tenant_rules(app):
        if "reference" not in rule.arguments and "key" not in rule.arguments:
            continue
        for repair in (theirs, elsewhere):
            values = {"reference": repair.reference, "key": "a" * 32 + ".jpg"}
            url = _build(app, rule, values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                data = {"csrf_token": token} if method == "POST" else None
                response = client_request.client.open(url, method=method, data=data)
                assert response.status_code == 404, (method, url, response.status_code)
                walked += 1
    assert walked >= 20


def _build(app, rule, values):
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})


ODD = [
    "²",
    "a" * 5000,
    "..%2F..%2Fetc%2Fpasswd",
    "ABC-DEFG",
    "abc-defg",
    "\u202e",
    "%00",
    "😀",
    "ı",
]


def test_no_tenant_route_answers_500_to_odd_identifiers(app, client_request, signed_in):
    token = client_request.csrf_token("/account/messages")
    for rule in _tenant_rules(app):
        for odd in ODD:
            values = {"reference": odd, "key": odd, "code": odd, "n": 7}
            try:
                url = _build(app, rule, values)
            except Exception:  # noqa: S112 (an argument the rule cannot take: nothing to try)
                continue
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                data = (
                    {"csrf_token": token, "reference": odd, "description": odd}
                    if method == "POST"
                    else None
                )
                response = client_request.client.open(url, method=method, data=data)
                assert response.status_code < 500, (method, url, response.status_code)


def test_blocks_are_not_confused_by_an_empty_block(factories, session, client_request):
    """A house (no block) sees no communal repairs, not every repair with no home."""
    house = factories.create_property()
    person, tenancy = factories.create_tenant(home=house, mobile="+447700900321")
    stray_block = Block(
        uprn="100000000999",
        name="Elsewhere House",
        address_line_1="2 Far Street",
        postcode="NG1 1AA",
        latitude=52.95,
        longitude=-1.15,
        patch="Central",
        storeys=4,
    )
    session.add(stray_block)
    session.flush()
    stray = factories.create_repair(house, property_id=None, block_id=stray_block.id)
    session.commit()
    sign_in(client_request, session, person, tenancy)
    assert stray.reference not in client_request.get("/repairs")
    client_request.get(f"/repairs/{stray.reference}", status=404)
    assert isinstance(stray, Repair)


def test_an_oversized_body_anywhere_is_a_clear_413_not_a_500(client_request, signed_in):
    token = client_request.csrf_token("/account/messages")
    for url in ("/report/describe", "/account/messages", "/sign-in", "/repairs/ABC-DEFG/cancel"):
        response = client_request.client.post(
            url, data={"csrf_token": token, "description": "x" * (13 * 1024 * 1024)}
        )
        assert response.status_code == 413, (url, response.status_code)
