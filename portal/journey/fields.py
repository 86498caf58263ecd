"""Form fields on the design system's widgets, with our own (translatable) messages.

WTForms' own messages ("Not a valid choice") come from its catalogue, not ours, so a
Polish page would show them in English; each field here says what to do in our words.
"""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from repairs.services.operation import clean_text


class Choice(RadioField):
    """One answer from a list; ``message`` says what to do when none (or a stranger) is sent."""

    widget = GovRadioInput()

    def __init__(self, label=None, *, message, choices=(), **kwargs) -> None:
        super().__init__(label, validators=[InputRequired(message=message)], **kwargs)
        # (value, label) pairs, set after construction: WTForms 3.3 warns on tuples passed
        # to the constructor, and our templates read the pairs as they are.
        self.choices = list(choices)
        self.message = message

    def pre_validate(self, form) -> None:
        if self.raw_data and self.data not in {str(value) for value, *_ in self.choices}:
            raise ValidationError(self.message)


class Choices(SelectMultipleField):
    """Checkboxes; each answer from the list, and at least one unless ``optional``."""

    widget = GovCheckboxesInput()

    def __init__(self, label=None, *, message, optional: bool = False, **kwargs) -> None:
        first = Optional() if optional else InputRequired(message=message)
        super().__init__(label, validators=[first], **kwargs)
        self.choices = []
        self.message = message

    def pre_validate(self, form) -> None:
        allowed = {str(value) for value, *_ in self.choices}
        if any(value not in allowed for value in self.data or ()):
            raise ValidationError(self.message)


def _fits(limit: int, message):
    """The services' own reading of the words (control characters out, Unicode composed)
    must fit too, so the limit holds by the field, not only when the report is sent."""

    def check(form, field) -> None:
        try:
            clean_text(field.data or "", limit)
        except ValueError:
            raise ValidationError(message) from None

    return check


def _clean(value):
    """Words as the services will keep them: control characters (NUL included, which
    PostgreSQL refuses in text and JSON) and direction overrides out, Unicode composed."""
    return clean_text(value, 10**9) if isinstance(value, str) else value


def text(label, *, limit: int, too_long, required=None, **kwargs) -> StringField:
    """A one-line answer of at most ``limit`` characters (required if ``required`` is given;
    spaces alone are no answer)."""
    first = DataRequired(message=required) if required else Optional()
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[_clean],
        validators=[first, Length(max=limit, message=too_long), _fits(limit, too_long)],
        **kwargs,
    )


def long_text(label, *, limit: int, too_long, required=None, **kwargs) -> TextAreaField:
    """Words in a text area with a character count (the count needs JavaScript; the limit
    does not)."""
    first = DataRequired(message=required) if required else Optional()
    return TextAreaField(
        label,
        widget=GovCharacterCount(),
        filters=[_clean],
        validators=[first, Length(max=limit, message=too_long), _fits(limit, too_long)],
        **kwargs,
    )
