"""Saying things in the tenant's language, within three SMS segments.

Translations come from the same catalogues as the web pages (Babel, not Flask-Babel: the
engine runs in a webhook, a terminal and a worker alike). Dates and times are formatted by
Babel in the tenant's locale and the landlord's time zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.core import Locale
from babel.dates import format_date, format_datetime
from babel.support import NullTranslations, Translations

from bot.engine.segments import fit, fits
from bot.engine.texts import STATUSES, TEXTS
from common.calendar import LONDON
from common.i18n import Message

LANGUAGES = ("en", "pl")
# How short a list item may be cut before the list drops an item instead.
WIDTHS = (None, 60, 45, 34)


@lru_cache(maxsize=8)
def _catalogue(directory: str, locale: str) -> NullTranslations:
    if locale == "en":
        return NullTranslations()
    return Translations.load(directory, [locale])


def shorten(text: str, width: int | None) -> str:
    if width is None or len(text) <= width:
        return text
    cut = text[: width - 3]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;(.") + "..."


class Speaker:
    """One tenant's language: translates, formats and fits what the bot says."""

    def __init__(self, locale: str, directory: Path) -> None:
        self.locale = locale if locale in LANGUAGES else "en"
        self._babel = Locale.parse(self.locale)
        self._catalogue = _catalogue(str(directory), self.locale)

    def text(self, item: Message | str) -> str:
        """A ``Message`` translated (its ``Message`` values too); plain text as it is."""
        if not isinstance(item, Message):
            return str(item)
        template = self._catalogue.gettext(item.text)
        if not item.params:
            return template
        return template % {key: self.value(value) for key, value in item.params.items()}

    def value(self, value: object) -> str:
        if isinstance(value, Message):
            return self.text(value)
        if isinstance(value, datetime):
            return self.day(value) + ", " + self.clock(value)
        if isinstance(value, date):
            return self.day(value)
        return str(value)

    def say(self, name: str, **params: object) -> str:
        """The sentence ``name`` of ``TEXTS``, filled in."""
        return self.text(Message(TEXTS[name].text, params))

    def status(self, status: str) -> str:
        return self.text(STATUSES[status]) if status in STATUSES else status

    def day(self, value: date | datetime) -> str:
        if isinstance(value, datetime):
            return format_datetime(value, "EEEE d MMMM", tzinfo=LONDON, locale=self._babel)
        return format_date(value, "EEEE d MMMM", locale=self._babel)

    def short_day(self, value: datetime) -> str:
        return format_datetime(value, "EEE d MMM", tzinfo=LONDON, locale=self._babel)

    def clock(self, value: datetime) -> str:
        return format_datetime(value, "HH:mm", tzinfo=LONDON, locale=self._babel)

    def numbered(
        self,
        head: str,
        items: Sequence[str],
        tail: str = "",
        *,
        last: str | None = None,
        minimum: int = 1,
    ) -> tuple[str, int]:
        """``head``, then ``items`` numbered from 1 (and ``last`` after them), then
        ``tail``, as many items as fit. Returns the text and how many items it shows.

        Labels are shortened before an item is dropped, so a tenant sees more choices
        with shorter words rather than fewer; ``last`` is always shown.
        """
        minimum = min(minimum, len(items))
        for count in range(len(items), minimum - 1, -1):
            for width in WIDTHS:
                text = self._list(head, items[:count], tail, last, width)
                if fits(text):
                    return text, count
        return fit(self._list(head, items[:minimum], tail, last, 20)), minimum

    @staticmethod
    def _list(head, items, tail, last, width) -> str:
        lines = [head] if head else []
        lines += [f"{n} {shorten(item, width)}" for n, item in enumerate(items, 1)]
        if last is not None:
            lines.append(f"{len(items) + 1} {shorten(last, width)}")
        if tail:
            lines.append(tail)
        return "\n".join(lines)

    def lines(self, first: str, extra: Sequence[str], last: str = "") -> str:
        """``first``, then as many of ``extra`` as fit, then ``last``: a reply whose
        most important sentences come first and whose closing line is never lost."""
        chosen: list[str] = []
        for line in extra:
            if fits(" ".join([first, *chosen, line, last]).strip()):
                chosen.append(line)
        return fit(" ".join([first, *chosen, last]).strip())
