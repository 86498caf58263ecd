"""Forms of the admin pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from portal.staff.choices import options
from portal.staff.labels import ROLE_LABELS


def _roles():
    return options(ROLE_LABELS.items())


class AddStaffForm(FlaskForm):
    name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter their full name")),
            Length(max=120, message=_l("Name must be 120 characters or fewer")),
        ],
    )
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter their email address")),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
        ],
    )
    role = RadioField(
        _l("Role"),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose a role"))],
    )
    two_factor_required = BooleanField(
        _l("Ask for an authenticator app even though the role does not need one"),
        widget=GovCheckboxInput(),
    )
    submit = SubmitField(_l("Add the account"), widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = _roles()


class RoleForm(FlaskForm):
    role = RadioField(
        _l("Role"),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose a role"))],
    )
    submit = SubmitField(_l("Change the role"), widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = _roles()
