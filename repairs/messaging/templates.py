"""What each message says, in the tenant's language.

Every text is marked with ``N_`` so it reaches the catalogue; it is rendered when the
message is written, so the outbox holds exactly what the tenant will read. Times are
formatted by Babel in the tenant's locale and the landlord's time zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.support import NullTranslations, Translations

from common.calendar import LONDON
from common.i18n import N_, Message

TEMPLATES: dict[str, Message] = {
    # Params: code, minutes. No landlord name first, so the phone shows the code at once.
    "sign_in_code": N_(
        "%(code)s is your sign-in code. It expires in %(minutes)s minutes. "
        "Do not share it with anyone: we will never ask you for it."
    ),
    "repair_received": N_(
        "%(landlord)s: we have your repair %(reference)s (%(problem)s). "
        "We aim to fix it by %(target)s."
    ),
    "repair_received_emergency": N_(
        "%(landlord)s: we have your emergency repair %(reference)s (%(problem)s). "
        "We are sending someone to make it safe."
    ),
    "emergency_dispatched": N_(
        "%(landlord)s: an operative is coming for repair %(reference)s, expected by %(arrival)s."
    ),
    "appointment_booked": N_(
        "%(landlord)s: repair %(reference)s is booked for %(day)s, %(start)s to %(end)s."
    ),
    "appointment_changed": N_(
        "%(landlord)s: repair %(reference)s is moved to %(day)s, %(start)s to %(end)s."
    ),
    "appointment_cancelled": N_(
        "%(landlord)s: your appointment for repair %(reference)s on %(day)s is cancelled."
    ),
    "repair_cancelled": N_("%(landlord)s: repair %(reference)s is cancelled."),
    "on_the_way": N_(
        "%(landlord)s: your operative is on the way for repair %(reference)s "
        "and will arrive by %(end)s."
    ),
    "completed": N_(
        "%(landlord)s: repair %(reference)s is done. How did we do? "
        "Reply with a score from 1 (poor) to 5 (very good)."
    ),
    "no_access": N_(
        "%(landlord)s: we called for repair %(reference)s but could not get in. "
        "Reply C or call %(phone)s to book again."
    ),
    "follow_on_needed": N_(
        "%(landlord)s: repair %(reference)s needs more work. We will be in touch to book it."
    ),
    "priority_raised": N_(
        "%(landlord)s: we have raised the priority of repair %(reference)s. "
        "We now aim to fix it by %(target)s."
    ),
}


@lru_cache(maxsize=16)
def _translations(directory: str, locale: str) -> NullTranslations:
    if locale == "en":
        return NullTranslations()
    return Translations.load(directory, [locale])


def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_value(value: object, locale: str) -> object:
    """Dates and times as the tenant reads them; everything else as it is."""
    loc = _locale(locale)
    if isinstance(value, datetime):
        return format_datetime(value, "EEEE d MMMM, HH:mm", tzinfo=LONDON, locale=loc)
    if isinstance(value, date):
        return format_date(value, "EEEE d MMMM", locale=loc)
    return value


def format_clock(value: datetime, locale: str) -> str:
    return format_time(value, "HH:mm", tzinfo=LONDON, locale=_locale(locale))


def render(purpose: str, locale: str, params: Mapping[str, object], directory: Path) -> str:
    """The message ``purpose`` in ``locale``, with ``params`` filled in."""
    template = TEMPLATES[purpose]
    text = _translations(str(directory), locale).gettext(template.text)
    return text % {key: format_value(value, locale) for key, value in params.items()}
