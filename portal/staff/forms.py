"""Forms of the sign-in steps and of the account page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length


class StaffSignInForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=200, message=_l("Password must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    """The authenticator's six digits, or one recovery code."""

    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("Or enter one of your recovery codes"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the code from your authenticator app")),
            Length(max=40, message=_l("Enter the 6-digit code or a recovery code")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SetUpCodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the code from your authenticator app")),
            Length(max=12, message=_l("Enter the 6-digit code")),
        ],
    )
    submit = SubmitField(_l("Set up the app"), widget=GovSubmitInput())


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A few unrelated words are easy to remember."),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter a new password"))],
    )
    confirm = PasswordField(
        _l("Confirm the new password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter the new password again"))],
    )
    submit = SubmitField(_l("Save the password"), widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your current password"))],
    )
    password = NewPasswordForm.password
    confirm = NewPasswordForm.confirm
    submit = NewPasswordForm.submit


class ConfirmForm(FlaskForm):
    """A form with nothing to fill in but its CSRF token: a button that changes state."""

    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())
