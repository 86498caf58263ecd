"""What each message says, in the tenant's language, and how pressing it is.

Every text is marked with ``N_`` so it reaches the catalogue; it is rendered when the
message is written, so the outbox holds exactly what the tenant will read. Times are
formatted by Babel in the tenant's locale and the landlord's time zone. Links and
staff's own words arrive as parameters; a ``Message`` parameter (a problem's label) is
translated too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.support import NullTranslations, Translations

from common.calendar import LONDON
from common.i18n import N_, Message


class Urgency(IntEnum):
    """Lower goes first. Quiet hours hold back only NORMAL and BULK."""

    TRANSACTIONAL = 0  # asked for this moment (a sign-in code): SMS, before anything else
    TIME_CRITICAL = 1  # worthless if late: emergencies, today's visit, on the way
    NORMAL = 2
    BULK = 3  # reminders sent in a run: never ahead of a confirmation


@dataclass(frozen=True)
class Purpose:
    text: Message
    urgency: Urgency = Urgency.NORMAL


PURPOSES: dict[str, Purpose] = {
    "sign_in_code": Purpose(
        N_(
            "%(code)s is your sign-in code for repairs. It expires in %(minutes)s min. "
            "Never share it."
        ),
        Urgency.TRANSACTIONAL,
    ),
    "repair_received": Purpose(
        N_(
            "%(landlord)s: we have your repair %(reference)s (%(problem)s). We aim to fix it "
            "by %(target)s.\nChoose a time for our visit: %(link)s or call %(phone)s"
        )
    ),
    "repair_received_emergency": Purpose(
        N_(
            "%(landlord)s: we have your emergency repair %(reference)s (%(problem)s). We are "
            "sending someone to make it safe and will text when they are on the way. "
            "If anyone is in danger, call 999."
        ),
        Urgency.TIME_CRITICAL,
    ),
    "emergency_dispatched": Purpose(
        N_(
            "%(landlord)s: an operative is coming for emergency repair %(reference)s and "
            "should arrive by %(arrival)s."
        ),
        Urgency.TIME_CRITICAL,
    ),
    "appointment_booked": Purpose(
        N_(
            "%(landlord)s: repair %(reference)s is booked for %(day)s between %(start)s and "
            "%(end)s.\nAdd to calendar: %(calendar)s\nTo change it: %(link)s or call %(phone)s"
        )
    ),
    "appointment_changed": Purpose(
        N_(
            "%(landlord)s: repair %(reference)s is moved to %(day)s between %(start)s and "
            "%(end)s.\nAdd to calendar: %(calendar)s\nTo change it: %(link)s or call %(phone)s"
        )
    ),
    "appointment_cancelled": Purpose(
        N_(
            "%(landlord)s: your appointment for repair %(reference)s on %(day)s is cancelled."
            "\nRemove from calendar: %(calendar)s\nBook a new time: %(link)s or call %(phone)s"
        )
    ),
    "repair_cancelled": Purpose(
        N_(
            "%(landlord)s: repair %(reference)s is cancelled, with any appointment for it. "
            "If you still need it, call %(phone)s."
        )
    ),
    "reminder_day_before": Purpose(
        N_(
            "%(landlord)s reminder: we are coming tomorrow, %(day)s, between %(start)s and "
            "%(end)s for repair %(reference)s. Please make sure an adult is in.\n"
            "To change it: %(link)s or call %(phone)s"
        ),
        Urgency.BULK,
    ),
    "reminder_morning": Purpose(
        N_(
            "%(landlord)s: we are coming today between %(start)s and %(end)s for repair "
            "%(reference)s. We will text you when your operative is on the way."
        ),
        Urgency.TIME_CRITICAL,
    ),
    "on_the_way": Purpose(
        N_(
            "%(landlord)s: your operative is on the way for repair %(reference)s and will "
            "arrive within your %(start)s to %(end)s window."
        ),
        Urgency.TIME_CRITICAL,
    ),
    "completed": Purpose(
        N_(
            "%(landlord)s: repair %(reference)s is done. How did we do? "
            "Reply with a score from 1 (poor) to 5 (very good)."
        )
    ),
    "no_access": Purpose(
        N_(
            "%(landlord)s: we called for repair %(reference)s on %(day)s but could not get "
            "in.\nBook a new time: %(link)s or call %(phone)s"
        )
    ),
    "follow_on_needed": Purpose(
        N_("%(landlord)s: repair %(reference)s needs more work. We will be in touch to book it.")
    ),
    "photo_not_added": Purpose(
        N_("%(landlord)s: we could not add your photo to repair %(reference)s. %(reason)s")
    ),
    "video_call_link": Purpose(
        N_(
            "%(landlord)s: please show us the problem with repair %(reference)s on a video call. "
            "Open this link on your phone within %(minutes)s minutes: %(link)s"
        ),
        Urgency.TIME_CRITICAL,
    ),
    "priority_raised": Purpose(
        N_(
            "%(landlord)s: we have raised the priority of repair %(reference)s. "
            "We now aim to fix it by %(target)s."
        )
    ),
    "awaab_summary": Purpose(
        N_(
            "%(landlord)s: we investigated repair %(reference)s (%(problem)s).\n"
            "What we found: %(findings)s\nWhat we will do by %(due)s: %(actions)s\n"
            "Questions? Call %(phone)s"
        )
    ),
    "awaab_summary_no_hazard": Purpose(
        N_(
            "%(landlord)s: we investigated repair %(reference)s (%(problem)s).\n"
            "What we found: %(findings)s\nWe found no significant hazard to your health. "
            "If things change, call %(phone)s"
        )
    ),
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Parameters cut short in a message (a problem's label: the reference says the rest).
SHORTENED = {"problem": 40}
# The texts alone, by purpose.
TEMPLATES: dict[str, Message] = {name: purpose.text for name, purpose in PURPOSES.items()}


def urgency_of(purpose: str) -> Urgency:
    return PURPOSES[purpose].urgency


@lru_cache(maxsize=16)
def _translations(directory: str, locale: str) -> NullTranslations:
    if locale == "en":
        return NullTranslations()
    return Translations.load(directory, [locale])


@lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_value(value: object, locale: str, translations: NullTranslations | None = None):
    """Dates and times as the tenant reads them; labels translated; the rest as it is."""
    loc = _locale(locale)
    if isinstance(value, datetime):
        return format_datetime(value, "EEEE d MMMM, HH:mm", tzinfo=LONDON, locale=loc)
    if isinstance(value, date):
        return format_date(value, "EEEE d MMMM", locale=loc)
    if isinstance(value, Message):
        text = translations.gettext(value.text) if translations else value.text
        return text % value.params if value.params else text
    return value


def format_clock(value: datetime, locale: str) -> str:
    return format_time(value, "HH:mm", tzinfo=LONDON, locale=_locale(locale))


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to ``limit`` characters at most, marked when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return f"{cut}..."


def render(purpose: str, locale: str, params: Mapping[str, object], directory: Path) -> str:
    """The message ``purpose`` in ``locale``, with ``params`` filled in.

    A language we have no catalogue for is written wholly in English, dates included:
    English words around a date in another script would serve nobody.
    """
    template = TEMPLATES[purpose]
    catalogue = _translations(str(directory), locale)
    if not isinstance(catalogue, Translations):
        locale = "en"
    text = catalogue.gettext(template.text)
    missing = _placeholders(template.text) - params.keys()
    if missing:
        raise ValueError(f"message {purpose!r} needs {', '.join(sorted(missing))}")
    # Only what the text uses is formatted (dates through Babel are the costly part).
    values = {
        key: format_value(params[key], locale, catalogue)
        for key in _placeholders(text)
        if key in params
    }
    for key, limit in SHORTENED.items():
        if isinstance(values.get(key), str):
            values[key] = shorten(values[key], limit)
    return text % values


@lru_cache(maxsize=256)
def _placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))
