"""Forms for video calls. Messages are lazy so they render in the reader's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import MultipleFileField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from common.codes import Trade

TRADE_LABELS = {
    Trade.GAS_ENGINEER: _l("Gas engineer"),
    Trade.PLUMBER: _l("Plumber"),
    Trade.ELECTRICIAN: _l("Electrician"),
    Trade.CARPENTER: _l("Carpenter"),
    Trade.ROOFER: _l("Roofer"),
    Trade.GLAZIER: _l("Glazier"),
    Trade.PLASTERER: _l("Plasterer"),
    Trade.PEST_CONTROL: _l("Pest control"),
    Trade.GENERAL_OPERATIVE: _l("General operative"),
    Trade.SURVEYOR: _l("Surveyor"),
    Trade.LIFT_ENGINEER: _l("Lift engineer"),
    Trade.LOCKSMITH: _l("Locksmith"),
}


class ConsentForm(FlaskForm):
    consent = RadioField(
        _l("Can we record the call?"),
        widget=GovRadioInput(),
        choices=[
            SelectChoice("yes", _l("Yes, you can record the call")),
            SelectChoice("no", _l("No, do not record the call")),
        ],
        validators=[InputRequired(message=_l("Select yes if you agree to us recording the call"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class OutcomeForm(FlaskForm):
    # Choices are set per repair by the view.
    problem = SelectField(
        _l("Problem"),
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Choose the problem you saw"))],
    )
    priority = SelectField(
        _l("Priority"),
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Choose the priority"))],
    )
    trade = SelectField(_l("Trade"), widget=GovSelect())
    reason = TextAreaField(
        _l("What you saw"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Say what you saw on the call")),
            Length(max=200, message=_l("Say what you saw in 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Record the outcome"), widget=GovSubmitInput())


class UploadForm(FlaskForm):
    files = MultipleFileField(
        _l("Photos or a short video"),
        widget=GovFileInput(multiple=True),
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())
