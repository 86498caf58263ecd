"""The forms of the report journey. Choices that come from the rules are set by the view
(``form.field.choices = ...``) before the form is validated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import HiddenField, SubmitField
from wtforms.validators import ValidationError

from portal.journey.fields import Choice, Choices, long_text, text
from portal.journey.steps import NONE

MAX_DESCRIPTION = 2000
MAX_ANSWER = 200


class EmergencyForm(FlaskForm):
    """Is any of these happening now? The checks' own questions, or "None of these"."""

    emergencies = Choices(
        _l("Is any of these happening now?"),
        message=_l("Select what is happening, or select ‘None of these’"),
        description=_l("Select all that apply."),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate_emergencies(self, field) -> None:
        if NONE in (field.data or ()) and len(field.data) > 1:
            raise ValidationError(
                _l("Select what is happening, or select ‘None of these’, not both")
            )


class SafetyForm(EmergencyForm):
    """The same questions asked again, outright, after the tenant's own words."""


class WhereForm(FlaskForm):
    where = Choice(_l("Where is the problem?"), message=_l("Select where the problem is"))
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class WhatForm(FlaskForm):
    what = Choice(_l("What is the problem?"), message=_l("Select what the problem is"))
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class WhichForm(FlaskForm):
    which = Choice(
        _l("Which best describes it?"), message=_l("Select the one that best describes it")
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class DescribeForm(FlaskForm):
    description = long_text(
        _l("Describe the problem"),
        limit=MAX_DESCRIPTION,
        required=_l("Describe the problem"),
        too_long=_l("Describe the problem in %(limit)s characters or fewer", limit=MAX_DESCRIPTION),
        description=_l(
            "Say what is wrong, where it is, and since when. For example: "
            "the kitchen tap has dripped all the time since Monday."
        ),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class DetailsForm(FlaskForm):
    description = long_text(
        _l("Tell us anything that will help (optional)"),
        limit=MAX_DESCRIPTION,
        too_long=_l("Tell us in %(limit)s characters or fewer", limit=MAX_DESCRIPTION),
        description=_l("For example, where exactly it is, and when it started."),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class OneOfTheseForm(FlaskForm):
    problem = Choice(
        _l("Is it one of these?"), message=_l("Select the problem, or select ‘None of these’")
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class QuestionForm(FlaskForm):
    answer = text(
        "",
        limit=MAX_ANSWER,
        too_long=_l("Answer in %(limit)s characters or fewer", limit=MAX_ANSWER),
        description=_l("Leave this blank if you are not sure."),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class PhotosForm(FlaskForm):
    photos = MultipleFileField(
        _l("Upload photos"),
        widget=GovFileInput(multiple=True),
        description=_l("JPG, PNG or WEBP, up to 10 MB each. You can choose several at once."),
    )
    # Which photo to take out again, or "continue" / "upload": one form, several buttons.
    remove = HiddenField()
    upload = SubmitField(_l("Upload"), widget=GovSubmitInput())
    done = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CheckForm(FlaskForm):
    submit = SubmitField(_l("Send report"), widget=GovSubmitInput())


class ExistingForm(FlaskForm):
    """An open repair for the same problem: add to it, or report a new one anyway."""

    choice = Choice(
        _l("What would you like to do?"),
        message=_l("Select whether to add to this repair or report a new one"),
        choices=[
            ("add", _l("Add what I have told you to this repair")),
            ("new", _l("It is a different problem: report it as a new repair")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())
