"""Reporting a repair through the tenant's pages, with the test client: every route of
the journey, what it raises, and what comes back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from repairs.models import Repair, WorkItem
from tests.html import visible_text
from tests.tenant_fixtures import radio_values


def step(client_request, url: str, data: dict, expect: str | None = None, form_url=None):
    response = client_request.post_form(url, data, form_url=form_url)
    location = response.headers["Location"]
    if expect is not None:
        assert location.endswith(expect), (url, location)
    return location


def _repair(session, reference: str) -> Repair:
    session.expire_all()
    return session.scalar(select(Repair).where(Repair.reference == reference))


def report_in_own_words(client_request, text: str, pick_first=True) -> str:
    step(client_request, "/report", {"emergencies": "none"}, "/report/where")
    step(client_request, "/report/where", {"where": "describe"}, "/report/describe")
    location = step(client_request, "/report/describe", {"description": text})
    if location.endswith("/report/one-of-these"):
        html = client_request.get("/report/one-of-these")
        choices = radio_values(html, "problem")
        location = step(
            client_request,
            "/report/one-of-these",
            {"problem": choices[0] if pick_first else "none"},
        )
    if location.endswith("/report/safety"):
        location = step(client_request, "/report/safety", {"emergencies": "none"})
    while "/report/question/" in location:
        location = step(client_request, location, {"answer": "Not sure"})
    assert location.endswith("/report/photos"), location
    step(client_request, "/report/photos", {"done": "1"}, "/report/check")
    location = step(client_request, "/report/check", {})
    assert "/report/reported/" in location, location
    return location.rsplit("/", 1)[1]


def test_report_in_own_words_raises_a_triaged_repair(client_request, session, signed_in):
    reference = report_in_own_words(client_request, "The kitchen tap is dripping all the time")
    repair = _repair(session, reference)
    assert repair.problem == "kitchen_tap_dripping"
    assert repair.status == "awaiting_appointment"
    assert repair.channel == "web"
    assert repair.reported_by_id == signed_in[0].id
    html = visible_text(client_request.get(f"/report/reported/{reference}"))
    assert reference in html and "Choose an appointment" in html


def test_none_of_these_keeps_the_words_for_a_person(client_request, session, signed_in):
    reference = report_in_own_words(
        client_request, "The kitchen tap is dripping all the time", pick_first=False
    )
    repair = _repair(session, reference)
    assert repair.status == "reported"
    item = session.scalar(select(WorkItem).where(WorkItem.repair_id == repair.id))
    assert item.kind == "triage_review"
    assert "read what you told us" in client_request.get(f"/report/reported/{reference}")


def test_report_by_where_what_which(client_request, session, signed_in):
    step(client_request, "/report", {"emergencies": "none"}, "/report/where")
    html = client_request.get("/report/where")
    assert "Shared areas of Trent House" in html
    step(client_request, "/report/where", {"where": "kitchen"}, "/report/what")
    groups = radio_values(client_request.get("/report/what"), "what")
    assert "describe" in groups
    step(client_request, "/report/what", {"what": "kitchen_sink"}, "/report/which")
    leaves = radio_values(client_request.get("/report/which"), "which")
    assert "kitchen_sink_blocked" in leaves
    step(client_request, "/report/which", {"which": "kitchen_sink_blocked"}, "/report/details")
    step(client_request, "/report/details", {"description": ""}, "/report/photos")
    step(client_request, "/report/photos", {"done": "1"}, "/report/check")
    check = visible_text(client_request.get("/report/check"))
    assert "Kitchen" in check and "Sink is blocked or slow to drain" in check
    location = step(client_request, "/report/check", {})
    repair = _repair(session, location.rsplit("/", 1)[1])
    assert repair.problem == "kitchen_sink_blocked"
    assert repair.location == "kitchen" and repair.property_id is not None


def test_communal_areas_are_reported_against_the_block(
    client_request, session, signed_in, demo_block
):
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "communal"}, "/report/what")
    step(client_request, "/report/what", {"what": "communal_lighting"}, "/report/which")
    leaf = radio_values(client_request.get("/report/which"), "which")[0]
    step(client_request, "/report/which", {"which": leaf})
    step(client_request, "/report/details", {"description": "Stairwell light on floor 3"})
    step(client_request, "/report/photos", {"done": "1"})
    location = step(client_request, "/report/check", {})
    repair = _repair(session, location.rsplit("/", 1)[1])
    assert repair.property_id is None and repair.block_id == demo_block.id


def test_gas_shows_the_emergency_number_and_nothing_to_book(client_request, session, signed_in):
    step(client_request, "/report", {"emergencies": "gas_smell"}, "/report/call-now")
    html = visible_text(client_request.get("/report/call-now"))
    assert "0800 111 999" in html and "nothing to book" in html
    location = step(client_request, "/report/tell-us", {}, None, form_url="/report/call-now")
    repair = _repair(session, location.rsplit("/", 1)[1])
    assert repair.priority == "emergency" and repair.category == "gas"
    assert session.scalar(select(Repair.id).where(Repair.id != repair.id)) is None
    page = visible_text(client_request.get(location))
    assert "Choose an appointment" not in page


def test_another_emergency_gives_advice_and_sends_someone(
    client_request, session, signed_in, operatives
):
    step(client_request, "/report", {"emergencies": "flooding"}, "/report/emergency")
    assert "This is an emergency" in client_request.get("/report/emergency")
    step(client_request, "/report/emergency", {}, "/report/details")
    step(client_request, "/report/details", {"description": "Pipe burst under the sink"})
    step(client_request, "/report/photos", {"done": "1"}, "/report/check")
    location = step(client_request, "/report/check", {})
    repair = _repair(session, location.rsplit("/", 1)[1])
    assert repair.priority == "emergency"
    assert repair.status in ("dispatched", "triaged")
    page = visible_text(client_request.get(location))
    assert "emergency" in page.lower() and "Choose an appointment" not in page


def test_an_open_repair_for_the_same_problem_is_offered_first(client_request, session, signed_in):
    first = report_in_own_words(client_request, "The kitchen tap is dripping all the time")
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    step(client_request, "/report/describe", {"description": "Kitchen tap still drips"})
    step(client_request, "/report/one-of-these", {"problem": "kitchen_tap_dripping"})
    step(client_request, "/report/photos", {"done": "1"})
    step(client_request, "/report/check", {}, "/report/existing")
    assert first in client_request.get("/report/existing")
    step(client_request, "/report/existing", {"choice": "add"}, f"/repairs/{first}")
    assert session.scalar(select(Repair.id).where(Repair.reference != first)) is None
    html = client_request.get(f"/repairs/{first}")
    assert "More information added" in html


def test_sending_twice_raises_one_repair(client_request, session, signed_in):
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    step(client_request, "/report/describe", {"description": "The bedroom door handle fell off"})
    step(client_request, "/report/one-of-these", {"problem": "none"})
    step(client_request, "/report/photos", {"done": "1"})
    token_page = client_request.get("/report/check")
    from tests.conftest import CSRF_RE

    token = CSRF_RE.search(token_page).group(1)
    first = client_request.client.post("/report/check", data={"csrf_token": token})
    second = client_request.client.post("/report/check", data={"csrf_token": token})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(session.scalars(select(Repair)).all()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "x" * 2001,
        "",
        "   \n\t  ",
    ],
)
def test_bad_descriptions_are_refused_by_the_field(client_request, signed_in, text):
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    response = client_request.post_form("/report/describe", {"description": text}, status=200)
    html = response.get_data(as_text=True)
    assert "govuk-error-summary" in html and 'href="#description"' in html


def test_odd_unicode_is_kept_as_words(client_request, session, signed_in):
    text = "Z\u0307le\u202e działa kran w kuchni 🚰 \x00\x07 ﷽"
    reference = report_in_own_words(client_request, text, pick_first=False)
    repair = _repair(session, reference)
    assert "\u202e" not in repair.description and "\x00" not in repair.description
    assert "kuchni" in repair.description


LONG = (
    "Where do I start. The bathroom has had a problem for weeks and nobody came. "
    "The extractor fan is noisy, the sealant round the bath is black, the tiles are "
    "coming off by the window, and there is a smell sometimes in the hall. The kids "
    "use the bathroom first thing so it gets very steamy and the paint is peeling."
)


def test_long_words_ask_the_emergency_questions_outright(
    client_request, session, signed_in, operatives
):
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    location = step(client_request, "/report/describe", {"description": LONG})
    if location.endswith("/report/one-of-these"):
        location = step(client_request, "/report/one-of-these", {"problem": "none"})
    assert location.endswith("/report/safety")
    html = client_request.get("/report/safety")
    assert "To be safe, is any of these happening now?" in html
    location = step(client_request, "/report/safety", {"emergencies": "flooding"})
    step(client_request, location, {"done": "1"}, "/report/check")
    repair = _repair(session, step(client_request, "/report/check", {}).rsplit("/", 1)[1])
    assert repair.priority == "emergency"


def test_short_words_like_an_emergency_s_ask_the_questions_too(
    client_request, session, signed_in, operatives
):
    # Four words and a plain reading (no heating), but the learnt emergency model finds
    # them like the emergencies tenants describe: the tenant is asked, not assumed safe.
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    location = step(client_request, "/report/describe", {"description": "no heat 2 kids"})
    if location.endswith("/report/one-of-these"):
        location = step(client_request, "/report/one-of-these", {"problem": "none"})
    assert location.endswith("/report/safety")
    assert "To be safe, is any of these happening now?" in client_request.get("/report/safety")


def test_gas_named_outright_after_the_words_stops_at_the_number(client_request, signed_in):
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    location = step(client_request, "/report/describe", {"description": LONG})
    if location.endswith("/report/one-of-these"):
        step(client_request, "/report/one-of-these", {"problem": "none"})
    step(client_request, "/report/safety", {"emergencies": "gas_smell"}, "/report/call-now")


def test_none_and_an_emergency_together_are_refused(client_request, signed_in):
    html = client_request.post_form(
        "/report", {"emergencies": ["none", "flooding"]}, status=200
    ).get_data(as_text=True)
    assert "not both" in html
    html = client_request.post_form("/report", {"emergencies": "made_up"}, status=200).get_data(
        as_text=True
    )
    assert "Select what is happening" in html
