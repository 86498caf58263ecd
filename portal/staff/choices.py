"""Choices for radios and selects, built when the form is (so labels are translated into
the reader's language), in the shape current WTForms asks for."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wtforms.fields.choices import SelectChoice


def options(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    return [SelectChoice(value=str(value), label=str(label)) for value, label in pairs]


def lazy_options(make: Callable[[], Iterable[tuple[object, object]]]):
    """Choices the field builds when bound to a request's form."""
    return lambda: options(make())
