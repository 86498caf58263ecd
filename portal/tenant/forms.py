"""Tenant forms. Messages are lazy so they render in the tenant's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from repairs.phone import InvalidPhoneNumber, normalise_uk_mobile


class SignInForm(FlaskForm):
    mobile = StringField(
        _l("Mobile phone number"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter your mobile phone number"))],
        description=_l("For example, 07700 900 982"),
    )
    tenancy_reference = StringField(
        _l("Tenancy reference"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter your tenancy reference")),
            Length(max=20, message=_l("Tenancy reference must be 20 characters or fewer")),
        ],
        description=_l("This is on your tenancy agreement and rent statements, like TV-012345"),
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())

    def validate_mobile(self, field: StringField) -> None:
        try:
            field.data = normalise_uk_mobile(field.data)
        except InvalidPhoneNumber:
            raise ValidationError(
                _l("Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982")
            ) from None
