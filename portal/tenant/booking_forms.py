"""Forms for booking, changing and cancelling appointments, and asking for a call back."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField
from wtforms.validators import InputRequired, Length

from portal.journey.fields import Choice, Choices, long_text

MAX_REASON = 200

DAYS = [
    ("0", _l("Monday")),
    ("1", _l("Tuesday")),
    ("2", _l("Wednesday")),
    ("3", _l("Thursday")),
    ("4", _l("Friday")),
    ("5", _l("Saturday")),
    ("6", _l("Sunday")),
]
WINDOW_LABELS = {
    "morning": _l("Morning"),
    "afternoon": _l("Afternoon"),
    "all_day": _l("All day"),
    "school_run": _l("School hours"),
}


class PreferencesForm(FlaskForm):
    days = Choices(
        _l("Which days suit you best?"),
        message=_l("Select days from the list"),
        optional=True,
        description=_l("Select all that apply, or none if any day suits you."),
    )
    windows = Choices(
        _l("Which times of day suit you best?"),
        message=_l("Select times of day from the list"),
        optional=True,
        description=_l("Select all that apply, or none if any time suits you."),
    )
    submit = SubmitField(_l("Show times"), widget=GovSubmitInput())


class SlotForm(FlaskForm):
    slot = Choice(_l("Choose a time"), message=_l("Select a time"))
    # One per rendered form: a double submit books once.
    key = HiddenField(validators=[InputRequired(), Length(min=8, max=80)])
    submit = SubmitField(_l("Book this time"), widget=GovSubmitInput())


REASONS = [
    ("not_needed", _l("The problem has gone or is fixed")),
    ("time", _l("The time no longer suits me")),
    ("duplicate", _l("I reported it twice")),
    ("other", _l("Another reason")),
]
# Kept in the audit trail in English, the landlord's working language, whatever the page's.
REASON_RECORDS = {
    "not_needed": "The problem has gone or is fixed",
    "time": "The time no longer suits the tenant",
    "duplicate": "Reported twice",
    "other": "Another reason",
}


class CancelForm(FlaskForm):
    reason = Choice(
        _l("Why are you cancelling?"),
        message=_l("Select why you are cancelling"),
        choices=REASONS,
    )
    details = long_text(
        _l("Anything else you want to tell us (optional)"),
        limit=MAX_REASON - 40,
        too_long=_l("Tell us in %(limit)s characters or fewer", limit=MAX_REASON - 40),
    )
    submit = SubmitField(_l("Cancel it"), widget=GovSubmitInput())

    def reason_text(self) -> str:
        details = (self.details.data or "").strip()
        record = REASON_RECORDS[self.reason.data]
        return f"{record}: {details}" if details else record


class CallbackForm(FlaskForm):
    note = long_text(
        _l("What should we know before we call? (optional)"),
        limit=MAX_REASON,
        too_long=_l("Tell us in %(limit)s characters or fewer", limit=MAX_REASON),
        description=_l("For example, the days and times you can talk."),
    )
    submit = SubmitField(_l("Ask us to call you"), widget=GovSubmitInput())
