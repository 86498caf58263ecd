import pytest
from hypothesis import given
from hypothesis import strategies as st

from repairs.phone import InvalidPhoneNumber, normalise_uk_mobile
from repairs.references import ALPHABET, format_reference, new_reference, normalise_reference


@pytest.mark.parametrize(
    "raw",
    ["07700 900001", "07700900001", "+44 7700 900001", "447700900001", " +447700900001 "],
)
def test_uk_mobiles_in_any_usual_form_become_e164(raw):
    assert normalise_uk_mobile(raw) == "+447700900001"


def test_a_real_mobile_range_is_accepted():
    assert normalise_uk_mobile("07911 123456") == "+447911123456"


@pytest.mark.parametrize(
    "raw", ["", "hello", "0115 496 0000", "+33 6 12 34 56 78", "0770090000", "07700 9000011"]
)
def test_anything_but_a_uk_mobile_is_refused(raw):
    with pytest.raises(InvalidPhoneNumber):
        normalise_uk_mobile(raw)


@given(st.text(max_size=40))
def test_no_input_makes_the_phone_check_crash(raw):
    try:
        result = normalise_uk_mobile(raw)
    except InvalidPhoneNumber:
        return
    assert result.startswith("+447") and len(result) == 13


def test_references_avoid_lookalike_characters():
    for char in "01ILO":
        assert char not in ALPHABET
    reference = new_reference()
    assert len(reference) == 8 and reference[3] == "-"


@given(st.integers(min_value=0, max_value=len(ALPHABET) ** 7 - 1))
def test_a_reference_survives_being_typed_back_loosely(number):
    reference = format_reference(number)
    typed = reference.lower().replace("-", " ")
    assert normalise_reference(typed) == reference


@pytest.mark.parametrize("raw", ["", "ABC", "ABC-DEFGH", "AB0-CDEF", "<script>"])
def test_malformed_references_normalise_to_nothing(raw):
    assert normalise_reference(raw) == ""


def test_a_person_refuses_a_mobile_that_is_not_e164():
    from repairs.models import Person

    with pytest.raises(ValueError, match="E.164"):
        Person(given_name="A", family_name="B", mobile="07700 900001")
    assert Person(given_name="A", family_name="B", mobile="+447700900001").mobile


def test_a_person_refuses_unknown_vulnerability_flags():
    from repairs.models import Person

    with pytest.raises(ValueError, match="unknown vulnerability"):
        Person(given_name="A", family_name="B", vulnerabilities=["elderly", "vip"])
