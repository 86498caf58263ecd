"""Counting SMS segments: GSM-7 where it can be, UCS-2 where it must."""

from __future__ import annotations

import pytest

from bot.engine.segments import ELLIPSIS, fit, fits, is_gsm, segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 459, 3),
        ("a" * 460, 4),
        # Extension characters take two septets each.
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("[" + "a" * 159, 2),
        # An escape pair is never split: 152 septets and a euro sign need a new segment.
        ("a" * 152 + "€" + "a" * 10, 2),
        ("a" * 152 + "€" + "a" * 153, 3),
        # One character outside the alphabet makes the whole text UCS-2.
        ("ł" * 70, 1),
        ("ł" * 71, 2),
        ("ł" + "a" * 133, 2),
        ("ł" + "a" * 134, 3),
        ("ł" * 201, 3),
        ("ł" * 202, 4),
        # A character beyond the basic plane is two UTF-16 units, never split.
        ("😀" * 35, 1),
        ("😀" * 36, 2),
        ("a" * 69 + "😀", 2),
        # 66 units, then a pair that would straddle 67: it starts the second segment.
        ("a" * 66 + "😀" + "a" * 66, 3),
    ],
)
def test_segments(text, expected):
    assert segments(text) == expected


def test_the_gsm_alphabet_covers_english_and_not_polish_or_curly_quotes():
    assert is_gsm("Reply YES or NO. £5? @home_[x] é")
    assert not is_gsm("Odpisz TAK lub NIE: ł")
    assert not is_gsm("it’s")  # a curly apostrophe turns a text into UCS-2


def test_fit_keeps_what_fits_and_cuts_the_rest_at_a_word():
    assert fit("short") == "short"
    long = "word " * 200
    cut = fit(long)
    assert fits(cut) and cut.endswith(ELLIPSIS) and len(cut) > 400
    assert cut[: -len(ELLIPSIS)].endswith("word")
    polish = "słowo " * 100
    assert fits(fit(polish)) and len(fit(polish)) <= 201
    assert fits(fit("x" * 5000, limit=1), limit=1)
