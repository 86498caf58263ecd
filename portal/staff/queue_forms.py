"""The form that closes a work item."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length


class FinishForm(FlaskForm):
    outcome = TextAreaField(
        _l("What was done?"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Say what was done")),
            Length(max=200, message=_l("Say what was done in 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Mark as done"), widget=GovSubmitInput())
