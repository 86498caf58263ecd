"""Your account: contact preferences (channel, language, reminders) and signing out,
here or everywhere."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import sessions
from portal.extensions import db
from portal.templating import LANGUAGE_NAMES
from portal.tenant.account_forms import ChannelForm, ConfirmForm, LanguageForm, RemindersForm
from portal.tenant.blueprint import bp
from portal.tenant.calls import actor, call, onto
from repairs.models import Person
from repairs.services import ServiceError
from repairs.services.contact import ContactPreferences, set_contact_preferences


def _person() -> Person:
    return db.session.get(Person, actor().id)


@bp.get("/account")
def account():
    return render_template("tenant/account/index.html", person=_person(), names=LANGUAGE_NAMES)


def _save(form, field: str, **change):
    try:
        call(set_contact_preferences, ContactPreferences(actor().id, **change))
    except ServiceError as error:
        onto(form, error, field)
        return None
    flash(_("Your contact preferences are saved."), "success")
    return redirect(url_for("tenant.account"))


@bp.route("/account/messages", methods=["GET", "POST"])
def account_channel():
    person = _person()
    form = ChannelForm(
        data={
            "channel": person.preferred_channel
            if person.preferred_channel in ("sms", "whatsapp")
            else "sms"
        }
    )
    if form.validate_on_submit() and (done := _save(form, "channel", channel=form.channel.data)):
        return done
    return render_template("tenant/account/question.html", form=form, field="channel")


@bp.route("/account/language", methods=["GET", "POST"])
def account_language():
    person = _person()
    form = LanguageForm(data={"language": person.preferred_language})
    form.language.choices = [
        (code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LOCALES"]
    ]
    if form.validate_on_submit() and (done := _save(form, "language", language=form.language.data)):
        return done
    return render_template("tenant/account/question.html", form=form, field="language")


@bp.route("/account/reminders", methods=["GET", "POST"])
def account_reminders():
    person = _person()
    form = RemindersForm(data={"reminders": "yes" if person.reminders else "no"})
    if form.validate_on_submit() and (
        done := _save(form, "reminders", reminders=form.reminders.data == "yes")
    ):
        return done
    return render_template("tenant/account/question.html", form=form, field="reminders")


@bp.route("/account/sign-out-everywhere", methods=["GET", "POST"])
def sign_out_everywhere():
    form = ConfirmForm()
    if form.validate_on_submit():
        sessions.end_everywhere("tenant", actor().id)
        sessions.end()
        flash(_("You have signed out on every device."), "success")
        return redirect(url_for("tenant.sign_in"))
    return render_template("tenant/account/sign_out_everywhere.html", form=form)
