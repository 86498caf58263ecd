"""Forms for what staff do to a repair while the tenant is in touch."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import HiddenField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.staff.choices import lazy_options
from portal.staff.labels import HAZARD_LABELS, STAFF_CHANNEL_LABELS, TRADE_LABELS


def _channel_field():
    return RadioField(
        _l("How is the tenant in touch?"),
        widget=GovRadioInput(),
        default="phone",
        validators=[InputRequired(message=_l("Choose how the tenant is in touch"))],
        choices=lazy_options(STAFF_CHANNEL_LABELS.items),
    )


class ChannelForm(FlaskForm):
    channel = _channel_field()


class BookForm(ChannelForm):
    # The slots offered are only known once the core is asked; the service checks the one
    # chosen, so the field does not hold a fixed list.
    slot = RadioField(
        _l("Choose a time"),
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose one of the times offered"))],
    )
    idempotency_key = HiddenField()
    submit = SubmitField(_l("Book this time"), widget=GovSubmitInput())


class CancelAppointmentForm(ChannelForm):
    reason = TextAreaField(
        _l("Why is the appointment being cancelled?"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Give a reason")),
            Length(max=200, message=_l("Give the reason in 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Cancel the appointment"), widget=GovSubmitInput())


class OverrideForm(ChannelForm):
    problem = SelectField(_l("Problem"), widget=GovSelect(), validators=[Optional()])
    priority = RadioField(
        _l("Priority"),
        widget=GovRadioInput(),
        validators=[Optional()],
    )
    hazard = SelectField(
        _l("Awaab's Law hazard"),
        widget=GovSelect(),
        validators=[Optional()],
        choices=lazy_options(lambda: [("", _l("Keep as it is")), *HAZARD_LABELS.items()]),
    )
    trade = SelectField(
        _l("Trade"),
        widget=GovSelect(),
        validators=[Optional()],
        choices=lazy_options(lambda: [("", _l("Keep as it is")), *TRADE_LABELS.items()]),
    )
    reason = TextAreaField(
        _l("Why are you changing the triage?"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Give a reason")),
            Length(max=200, message=_l("Give the reason in 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Change the triage"), widget=GovSubmitInput())


class VideoForm(ChannelForm):
    note = TextAreaField(
        _l("What should the person on the call look at? (optional)"),
        widget=GovTextArea(),
        validators=[Length(max=200, message=_l("Tell us in 200 characters or fewer"))],
    )
    submit = SubmitField(_l("Ask for a video call"), widget=GovSubmitInput())
