"""A service's refusal, said by the form fields it concerns."""

from __future__ import annotations

from flask_babel import gettext as _

from common.i18n import Message
from repairs.services import ServiceError


def text(message: Message) -> str:
    return _(message.text, **message.params)


def show_on(form, error: ServiceError) -> None:
    """Put each field message by its field; the rest by the form's first field."""
    placed = False
    for name, message in error.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, text(message)] if field.errors else [text(message)]
            placed = True
    if not placed:
        first = next(f for f in form if f.name != "csrf_token")
        first.errors = [*(first.errors or []), text(error.message)]
