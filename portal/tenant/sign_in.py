"""Signing in: the mobile number, then the code sent to it, then (only the first time on
that number) the tenancy reference and postcode.

The pages never say whether a number or a tenancy is ours: an unknown number gets the
same "we have sent a code" page as a known one, and a wrong code the same message.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import phonenumbers
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from portal import sessions
from portal.auth import TenantUser, current_tenancy_for
from portal.extensions import db
from portal.safety import safe_next
from portal.tenant import codes
from portal.tenant.blueprint import bp
from portal.tenant.sign_in_forms import CodeForm, MobileForm, ResendForm, TenancyForm
from repairs.models import Person
from repairs.models.base import utcnow
from repairs.queries import proves_tenancy

STATE = "sign_in"


def _network() -> str:
    return codes.network_of(request.remote_addr)


def _state() -> dict | None:
    state = session.get(STATE)
    if not isinstance(state, dict) or not isinstance(state.get("mobile"), str):
        return None
    started = datetime.fromisoformat(state.get("at", "2000-01-01T00:00:00+00:00"))
    minutes = current_app.config["SIGN_IN_CODE_MINUTES"]
    if utcnow() - started > timedelta(minutes=minutes * 2):
        session.pop(STATE, None)
        return None
    return state


def _national(mobile: str) -> str:
    number = phonenumbers.parse(mobile, "GB")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = MobileForm()
    if form.validate_on_submit():
        issued = codes.issue(form.mobile.data, _network())
        if issued.refused:
            abort(429)
        session[STATE] = {
            "mobile": form.mobile.data,
            "code": issued.code.id,
            "at": utcnow().isoformat(),
            "next": safe_next(request.args.get("next")),
        }
        return redirect(url_for("tenant.sign_in_code"))
    return render_template("tenant/sign_in/mobile.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
def sign_in_code():
    state = _state()
    if state is None or "code" not in state:
        return redirect(url_for("tenant.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        person, why = codes.check(state["code"], state["mobile"], form.code.data, _network())
        if person is not None:
            if person.verified_mobile == person.mobile:
                return _signed_in(person, state)
            session[STATE] = {**state, "code": None, "person": person.id}
            return redirect(url_for("tenant.sign_in_tenancy"))
        form.code.errors = [*form.code.errors, _message(why)]
    return render_template(
        "tenant/sign_in/code.html",
        form=form,
        resend=ResendForm(),
        mobile=_national(state["mobile"]),
        minutes=current_app.config["SIGN_IN_CODE_MINUTES"],
    )


def _message(why: str) -> str:
    if why == codes.EXPIRED:
        return _("That code has expired. Select ‘Send a new code’ to get another")
    if why == codes.LOCKED:
        return _("You have entered a wrong code too many times. Select ‘Send a new code’")
    return _("The security code is not right. Check the text message and try again")


@bp.post("/sign-in/code/resend")
def sign_in_resend():
    state = _state()
    if state is None or not ResendForm().validate_on_submit():
        return redirect(url_for("tenant.sign_in"))
    issued = codes.issue(state["mobile"], _network(), resend=True)
    if issued.refused:
        abort(429)
    session[STATE] = {**state, "code": issued.code.id, "at": utcnow().isoformat()}
    if issued.sent:
        flash(_("We have sent a new code. Codes sent before it no longer work."), "info")
    else:
        flash(_("We sent a code less than a minute ago. Wait for it to arrive."), "info")
    return redirect(url_for("tenant.sign_in_code"))


@bp.route("/sign-in/tenancy", methods=["GET", "POST"])
def sign_in_tenancy():
    state = _state()
    if state is None or not state.get("person"):
        return redirect(url_for("tenant.sign_in"))
    form = TenancyForm()
    if form.validate_on_submit():
        reference = form.tenancy_reference.data.strip().upper()
        if codes.over_limit(state["mobile"], _network(), tenancy=reference):
            abort(429)
        if proves_tenancy(db.session, state["person"], reference, form.postcode.data, utcnow()):
            person = db.session.get(Person, state["person"])
            person.verified_mobile = person.mobile
            db.session.commit()
            return _signed_in(person, state)
        codes.failed(
            f"tenant-fail:{state['mobile']}",
            f"tenant-fail-tenancy:{reference}",
            f"tenant-fail-net:{_network()}",
        )
        # One message for both: do not reveal which of the two was wrong.
        form.tenancy_reference.errors = [
            *form.tenancy_reference.errors,
            _("The tenancy reference or postcode is not right. Check them and try again"),
        ]
    return render_template("tenant/sign_in/tenancy.html", form=form)


def _signed_in(person: Person, state: dict):
    tenancy = current_tenancy_for(person.id)
    if tenancy is None:
        abort(404)
    sessions.begin(TenantUser(person, tenancy), "tenant", person.id)
    return redirect(state.get("next") or url_for("tenant.repairs"))


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out():
    """GET asks (a link in the menu cannot sign anyone out); POST signs out here."""
    form = ResendForm()
    if request.method == "POST" and form.validate_on_submit():
        sessions.end()
        flash(_("You have signed out."), "success")
        return redirect(url_for("tenant.index"))
    return render_template("tenant/sign_in/sign_out.html", form=form)
