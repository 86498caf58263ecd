"""Contact preferences: one question a page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField

from portal.journey.fields import Choice

CHANNELS = [("sms", _l("Text message (SMS)")), ("whatsapp", _l("WhatsApp"))]
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class ChannelForm(FlaskForm):
    channel = Choice(
        _l("How should we send you messages about your repairs?"),
        message=_l("Select text message or WhatsApp"),
        choices=CHANNELS,
        description=_l("Both go to your mobile phone number."),
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class LanguageForm(FlaskForm):
    language = Choice(
        _l("Which language should we use?"),
        message=_l("Select a language from the list"),
        description=_l("For these pages and the messages we send you."),
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class RemindersForm(FlaskForm):
    reminders = Choice(
        _l("Do you want a reminder the day before an appointment?"),
        message=_l("Select yes or no"),
        choices=YES_NO,
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Sign out everywhere"), widget=GovSubmitInput())
