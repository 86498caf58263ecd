"""Signing in: password, then the second factor (or setting one up), then a new password
if an admin reset it. Only when every step is done does a staff session begin.

Between steps, the Flask session holds who passed the password and when (for ten minutes
at most); it is not a staff session, and no other staff page accepts it.
"""

from __future__ import annotations

import time

import segno
from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import sessions
from portal.auth import StaffPrincipal
from portal.extensions import db
from portal.rate_limit import hit
from portal.safety import safe_next
from portal.staff.blueprint import bp
from portal.staff.errors import text
from portal.staff.forms import (
    CodeForm,
    ConfirmForm,
    NewPasswordForm,
    SetUpCodeForm,
    StaffSignInForm,
)
from repairs.accounts import (
    accept_totp,
    authenticate,
    change_password,
    confirm_totp,
    issue_recovery_codes,
    needs_two_factor,
    provisioning_uri,
    start_totp,
    use_recovery_code,
)
from repairs.models import StaffUser
from repairs.models.base import utcnow

PENDING = "staff_pending"
PENDING_SECONDS = 600


def _limit() -> int:
    return current_app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]


def _pending() -> tuple[StaffUser, dict] | None:
    state = session.get(PENDING)
    if not state or time.time() - state.get("at", 0) > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    staff = db.session.get(StaffUser, state["id"])
    if staff is None or not staff.active:
        session.pop(PENDING, None)
        return None
    return staff, state


def _next_step(staff: StaffUser, state: dict) -> str | None:
    if staff.has_two_factor and not state.get("second_factor"):
        return "staff.second_factor"
    for_all = current_app.config["STAFF_TWO_FACTOR_FOR_ALL"]
    if not staff.has_two_factor and needs_two_factor(staff, for_all):
        return "staff.set_up_authenticator"
    if staff.must_change_password:
        return "staff.new_password"
    return None


def _carry_on(staff: StaffUser, state: dict):
    """Go to the next step, or begin the staff session when none is left."""
    step = _next_step(staff, state)
    if step is not None:
        session[PENDING] = state
        return redirect(url_for(step))
    staff.last_sign_in_at = utcnow()
    db.session.commit()
    sessions.begin(StaffPrincipal(staff), "staff", staff.id)
    return redirect(safe_next(state.get("next")) or url_for("staff.overview"))


def _start_again():
    return redirect(url_for("staff.sign_in"))


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated and current_user.kind == "staff":
        return redirect(url_for("staff.overview"))
    form = StaffSignInForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if not hit(f"staff-sign-in:{email}", _limit()) & hit(
            f"staff-sign-in-ip:{request.remote_addr}", _limit() * 10
        ):
            abort(429)
        staff = authenticate(db.session, email, form.password.data)
        if staff is not None:
            db.session.commit()  # a rehashed password is kept
            state = {"id": staff.id, "at": time.time(), "next": request.args.get("next")}
            return _carry_on(staff, state)
        # One message whichever was wrong: do not reveal which addresses have accounts.
        form.email.errors.append(_("The email address or password is not right"))
    return render_template("staff/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
def second_factor():
    pending = _pending()
    if pending is None:
        return _start_again()
    staff, state = pending
    form = CodeForm()
    if form.validate_on_submit():
        if not hit(f"staff-code:{staff.id}", _limit()):
            abort(429)
        code = form.code.data.strip()
        now = utcnow()
        if accept_totp(staff, code, now) or use_recovery_code(db.session, staff, code, now):
            db.session.commit()
            state["second_factor"] = True
            return _carry_on(staff, state)
        db.session.commit()  # a code's step, once tried, stays spent
        form.code.errors.append(_("The code is not right, or it has expired"))
    return render_template("staff/second_factor.html", form=form)


@bp.route("/sign-in/set-up-authenticator", methods=["GET", "POST"])
def set_up_authenticator():
    pending = _pending()
    if pending is None:
        return _start_again()
    staff, state = pending
    if _next_step(staff, state) != "staff.set_up_authenticator":
        return _carry_on(staff, state)
    form = SetUpCodeForm()
    if staff.totp_secret is None:
        start_totp(staff)
        db.session.commit()
    if form.validate_on_submit():
        if not hit(f"staff-code:{staff.id}", _limit()):
            abort(429)
        if confirm_totp(db.session, staff, form.code.data, utcnow()):
            codes = issue_recovery_codes(db.session, staff, utcnow())
            db.session.commit()
            state["second_factor"] = True
            session[PENDING] = state
            # Shown once, in this response only: nothing keeps them in readable form.
            return render_template(
                "staff/recovery_codes.html",
                codes=codes,
                form=ConfirmForm(),
                action=url_for("staff.sign_in_continue"),
            )
        db.session.commit()
        form.code.errors.append(_("The code is not right, or it has expired"))
    return render_template(
        "staff/set_up_authenticator.html", form=form, **authenticator_setup(staff)
    )


def authenticator_setup(staff: StaffUser) -> dict:
    """The secret as a QR code and as text to type, for the set-up page."""
    uri = provisioning_uri(staff, current_app.config["LANDLORD_NAME"])
    qr = segno.make(uri, error="m").svg_inline(
        scale=4, dark="#0b0c0c", light="#ffffff", title=_("QR code for your authenticator app")
    )
    secret = staff.totp_secret
    return {"qr_svg": qr, "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)]}


@bp.post("/sign-in/continue")
def sign_in_continue():
    pending = _pending()
    if pending is None:
        return _start_again()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _carry_on(*pending)


@bp.route("/sign-in/new-password", methods=["GET", "POST"])
def new_password():
    pending = _pending()
    if pending is None:
        return _start_again()
    staff, state = pending
    if _next_step(staff, state) != "staff.new_password":
        return _carry_on(staff, state)
    form = NewPasswordForm()
    if form.validate_on_submit():
        problems = change_password(
            db.session, staff, form.password.data, form.confirm.data, utcnow()
        )
        if not problems:
            db.session.commit()
            return _carry_on(staff, state)
        for name, message in problems.items():
            getattr(form, name).errors.append(text(message))
    return render_template("staff/new_password.html", form=form)


@bp.post("/sign-out")
def sign_out():
    sessions.end()
    return redirect(url_for("staff.sign_in"))
