"""Sign-in forms: the mobile number, the code, and (the first time) the tenancy."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from repairs.phone import InvalidPhoneNumber, normalise_uk_mobile


class MobileForm(FlaskForm):
    mobile = StringField(
        _l("Mobile phone number"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter your mobile phone number")),
            Length(max=30, message=_l("Enter a UK mobile number, like 07700 900 982")),
        ],
        description=_l("The number we hold for you. For example, 07700 900 982"),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_mobile(self, field: StringField) -> None:
        try:
            field.data = normalise_uk_mobile(field.data)
        except InvalidPhoneNumber:
            raise ValidationError(
                _l("Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982")
            ) from None


def _digits(raw: str) -> str:
    # Any script's digits count (a phone keyboard may type ٣ for 3); spaces do not.
    out = []
    for ch in raw:
        if ch.isspace() or ch == "-":
            continue
        value = unicodedata.digit(ch, None)
        if value is None:
            return ""
        out.append(str(value))
    return "".join(out)


class CodeForm(FlaskForm):
    code = StringField(
        _l("Security code"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the security code from the text message")),
            Length(max=20, message=_l("The security code is 6 numbers")),
        ],
        description=_l("The code is 6 numbers, like 123 456"),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_code(self, field: StringField) -> None:
        digits = _digits(field.data)
        if len(digits) != 6:
            raise ValidationError(_l("The security code is 6 numbers"))
        field.data = digits


class ResendForm(FlaskForm):
    submit = SubmitField(_l("Send a new code"), widget=GovSubmitInput())


class TenancyForm(FlaskForm):
    tenancy_reference = StringField(
        _l("Tenancy reference"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter your tenancy reference")),
            Length(max=20, message=_l("Tenancy reference must be 20 characters or fewer")),
        ],
        description=_l("This is on your tenancy agreement and rent statements, like TV-012345"),
    )
    postcode = StringField(
        _l("Postcode of your home"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the postcode of your home")),
            Length(max=10, message=_l("Enter a real postcode, like NG4 4NN")),
        ],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
