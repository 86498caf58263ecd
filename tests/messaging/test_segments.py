"""SMS length: GSM-7 and UCS-2 parts counted as a handset does, and every template in
every language within three parts with long, realistic values."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from common.i18n import Message
from portal.config import ROOT
from repairs.messaging.segments import fit_sms, measure
from repairs.messaging.templates import PURPOSES, render


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("a" * 459, "GSM-7", 3),
        ("a" * 460, "GSM-7", 4),
        # Extension characters take two septets each: 80 euro signs fill one part.
        ("€" * 80, "GSM-7", 1),
        ("€" * 81, "GSM-7", 2),
        # An escaped character is never split: 152 plain + one € needs a second part.
        ("a" * 152 + "€" + "a" * 10, "GSM-7", 2),
        ("ą" * 70, "UCS-2", 1),
        ("ą" * 71, "UCS-2", 2),
        ("ą" * 134, "UCS-2", 2),
        ("ą" * 135, "UCS-2", 3),
        ("ą" * 201, "UCS-2", 3),
        ("ą" * 202, "UCS-2", 4),
        # An emoji is two UTF-16 units.
        ("😀" * 35, "UCS-2", 1),
        ("😀" * 36, "UCS-2", 2),
    ],
)
def test_parts_are_counted_as_a_handset_counts_them(text, encoding, segments):
    measured = measure(text)
    assert (measured.encoding, measured.segments) == (encoding, segments)


def test_typographic_quotes_and_dashes_do_not_force_unicode():
    fitted = fit_sms("We’re coming – “today”… see you")
    assert fitted.encoding == "GSM-7"
    assert fitted.text == 'We\'re coming - "today"... see you'


def test_polish_keeps_its_letters_while_three_parts_hold_them():
    short = "Zażółć gęślą jaźń. " * 5
    assert fit_sms(short).text == short and fit_sms(short).encoding == "UCS-2"


def test_polish_too_long_for_unicode_loses_its_diacritics_not_its_words():
    long = "Zażółć gęślą jaźń, naprawa ABC-DEFG jest umówiona. " * 5
    fitted = fit_sms(long)
    assert fitted.encoding == "GSM-7" and fitted.segments <= 3
    assert fitted.text.startswith("Zazolc gesla jazn, naprawa ABC-DEFG")


LONG_VALUES = {
    "landlord": "Nottingham Community Housing Association",
    "phone": "0115 496 0000 extension 4567",
    "reference": "ABC-DEFG",
    "problem": Message(
        "Carbon monoxide alarm sounding, or people feel dizzy or sick near a gas appliance"
    ),
    "link": "https://repairs.nottinghamcommunityhousing.org.uk/repairs/ABC-DEFG",
    "calendar": "https://repairs.nottinghamcommunityhousing.org.uk/calendar/AbCdEfGhIjKlMnOp.ics",
    # The longest day names in both languages (Wednesday; środa / poniedziałek).
    "target": date(2026, 9, 30),
    "day": date(2026, 9, 28),
    "start": "12:00",
    "end": "16:00",
    "arrival": datetime(2026, 9, 30, 23, 30, tzinfo=UTC),
    "code": "123456",
    "minutes": 10,
    "due": date(2026, 9, 30),
    "findings": "Black mould on the bedroom wall behind the wardrobe and condensation",
    "actions": "Mould wash and anti-mould paint, and a new extractor fan in the bathroom.",
    "reason": Message("The selected file must be a photo (JPG, PNG or WEBP)"),
}


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("purpose", sorted(PURPOSES))
def test_every_message_fits_three_parts_with_long_values(purpose, language):
    text = render(purpose, language, LONG_VALUES, ROOT / "translations")
    fitted = fit_sms(text)
    assert fitted.segments <= 3, (purpose, language, len(text), fitted.text)
    # Nothing the tenant needs is cut: the reference and any link survive whole.
    assert "ABC-DEFG" in fitted.text or purpose == "sign_in_code"
    for key in ("link", "calendar"):
        if f"%({key})s" in PURPOSES[purpose].text.text:
            assert LONG_VALUES[key] in fitted.text


@pytest.mark.parametrize("purpose", sorted(PURPOSES))
def test_every_message_is_translated_into_polish(purpose):
    english = render(purpose, "en", LONG_VALUES, ROOT / "translations")
    polish = render(purpose, "pl", LONG_VALUES, ROOT / "translations")
    assert polish != english


@pytest.mark.parametrize("language", ["ur", "fa", "ar", "xx-not-a-locale"])
def test_a_language_without_a_catalogue_is_written_in_english_throughout(language):
    text = render("reminder_day_before", language, LONG_VALUES, ROOT / "translations")
    assert text == render("reminder_day_before", "en", LONG_VALUES, ROOT / "translations")
    assert "Monday 28 September" in text and fit_sms(text).encoding == "GSM-7"
