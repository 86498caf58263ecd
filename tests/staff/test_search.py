"""Finding a household by any of the ways a caller identifies themselves, misspelt."""

from __future__ import annotations

from datetime import date

import pytest

from repairs.contact_centre.search import search
from repairs.contact_centre.search_index import build_index
from repairs.models import Person, TenancyMember
from tests.html import visible_text


@pytest.fixture
def households(factories, session):
    """Three households, one of them the demo tenant with a joint tenant."""
    zainab_home = factories.create_property(
        address_line_1="Flat 1",
        address_line_2="Campbell Tower, Bestwood Road",
        postcode="NG4 4NN",
        patch="East",
    )
    zainab, zainab_tenancy = factories.create_tenant(
        home=zainab_home,
        mobile="+447700900001",
        reference="TV-000001",
        given_name="Zainab",
        family_name="Rahman",
    )
    joint = Person(given_name="Omar", family_name="Rahman", mobile="+447700950001")
    session.add(joint)
    session.flush()
    session.add(TenancyMember(tenancy_id=zainab_tenancy.id, person_id=joint.id, role="joint"))
    other_home = factories.create_property(
        address_line_1="12 Alfreton Road", postcode="NG7 3NH", patch="Central"
    )
    factories.create_tenant(
        home=other_home,
        mobile="+447700900002",
        reference="TV-000002",
        given_name="Kwame",
        family_name="Rahman",
    )
    third = factories.create_property(address_line_1="3 Bramcote Lane", postcode="NG9 3GE")
    factories.create_tenant(
        home=third,
        mobile="+447700900003",
        reference="TV-000003",
        given_name="Anna",
        family_name="Kowalski",
    )
    ended = factories.create_property(address_line_1="9 Old Street", postcode="NG1 1AA")
    factories.create_tenant(
        home=ended,
        reference="TV-000004",
        given_name="Gone",
        family_name="Rahman",
        start=date(2010, 1, 1),
        end=date(2015, 1, 1),
    )
    repair = factories.create_repair(zainab_home)
    session.commit()
    return {"repair": repair.reference}


def _find(session, query):
    found = search(session, build_index(session, date.today()), query)
    return [hit.entry.tenancy_reference for hit in found.hits], found


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Rahmen", "TV-000001"),  # misspelt surname: both Rahman households
        ("zainab rahmen", "TV-000001"),
        ("Zaynab", "TV-000001"),
        ("omar rahman", "TV-000001"),  # a joint tenant finds the household
        ("Kowalsky", "TV-000003"),
        ("campbell towr", "TV-000001"),
        ("12 alfreton rd", "TV-000002"),
        ("NG4 4NN", "TV-000001"),
        ("ng44nn", "TV-000001"),
        ("NG4 4MN", "TV-000001"),  # one slip in the postcode
        ("07700 900001", "TV-000001"),
        ("+44 7700 900001", "TV-000001"),
        ("900002", "TV-000002"),  # part of the number
        ("07700950001", "TV-000001"),  # the joint tenant's mobile
        ("tv-000003", "TV-000003"),
        ("TV000002", "TV-000002"),
    ],
)
def test_a_household_is_found_by_what_the_caller_says(session, households, query, first):
    found, _ = _find(session, query)
    assert found and found[0] == first


def test_a_misspelt_surname_finds_every_household_of_that_name_but_no_ended_tenancy(
    session, households
):
    found, result = _find(session, "Rahmen")
    assert set(found) == {"TV-000001", "TV-000002"}
    assert result.total == 2


def test_a_repair_reference_finds_its_household(session, households):
    reference = households["repair"]
    for typed in (reference, reference.lower().replace("-", ""), f" {reference} "):
        found, result = _find(session, typed)
        assert found == ["TV-000001"]
        assert result.hits[0].repair_reference == reference


def test_words_that_match_nothing_find_nothing(session, households):
    assert _find(session, "Xqzzyv")[0] == []
    assert _find(session, "")[0] == []
    assert _find(session, "   ")[0] == []


def test_every_word_must_match_before_partial_matches_are_shown(session, households):
    found, result = _find(session, "kwame rahman")
    assert found == ["TV-000002"] and result.hits[0].complete
    found, result = _find(session, "kwame nobodyname")
    assert found == ["TV-000002"] and not result.hits[0].complete


def test_the_search_page_links_to_the_household(client_request, signed_in, households):
    signed_in("agent")
    page = client_request.get("/staff/search?q=Rahmen")
    assert '/staff/households/TV-000001"' in page
    assert "Zainab Rahman, Omar Rahman" in visible_text(page)
    assert "2 households found" in visible_text(page)


def test_odd_input_gets_a_page_not_an_error(client_request, signed_in, households):
    signed_in("agent")
    for query in ("%", "<script>", "a" * 500, "🙂", "--", "NG", "0", "'; drop table person"):
        page = client_request.get("/staff/search", query_string={"q": query})
        main = page.split('id="main-content"')[1].split("</main>")[0]
        assert "<script>" not in main


def test_a_new_tenant_is_found_without_waiting(
    client_request, signed_in, households, factories, session
):
    signed_in("agent")
    client_request.get("/staff/search?q=Rahmen")  # builds the index
    factories.create_tenant(given_name="Brand", family_name="Newcomer", reference="TV-000099")
    session.commit()
    assert "TV-000099" in client_request.get("/staff/search?q=Newcomer")
