"""Your account: change your password, set up an authenticator app, new recovery codes."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.staff.blueprint import bp
from portal.staff.errors import text
from portal.staff.forms import ChangePasswordForm, ConfirmForm, SetUpCodeForm
from portal.staff.sign_in import authenticator_setup
from repairs.accounts import (
    change_password,
    confirm_totp,
    issue_recovery_codes,
    needs_two_factor,
    start_totp,
)
from repairs.accounts.second_factor import recovery_codes_left
from repairs.models import StaffUser
from repairs.models.base import utcnow


def _me() -> StaffUser:
    return db.session.get(StaffUser, current_user.staff.id)


@bp.get("/account")
def account():
    me = _me()
    return render_template(
        "staff/account.html",
        me=me,
        required=needs_two_factor(me, current_app.config["STAFF_TWO_FACTOR_FOR_ALL"]),
        codes_left=recovery_codes_left(db.session, me) if me.has_two_factor else 0,
        form=ConfirmForm(),
    )


@bp.route("/account/password", methods=["GET", "POST"])
def account_password():
    me = _me()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not me.check_password(form.current.data):
            form.current.errors.append(_("Your current password is not right"))
        else:
            problems = change_password(
                db.session, me, form.password.data, form.confirm.data, utcnow()
            )
            if not problems:
                db.session.commit()
                flash(_("Your password has been changed."), "success")
                return redirect(url_for("staff.account"))
            for name, message in problems.items():
                getattr(form, name).errors.append(text(message))
    return render_template("staff/account_password.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
def account_two_factor():
    """Anyone may add an authenticator app to their account, whether or not it is asked."""
    me = _me()
    if me.has_two_factor:
        return redirect(url_for("staff.account"))
    if me.totp_secret is None:
        start_totp(me)
        db.session.commit()
    form = SetUpCodeForm()
    if form.validate_on_submit():
        if confirm_totp(db.session, me, form.code.data, utcnow()):
            codes = issue_recovery_codes(db.session, me, utcnow())
            db.session.commit()
            return render_template(
                "staff/recovery_codes.html",
                codes=codes,
                form=ConfirmForm(),
                action=url_for("staff.account"),
                back_with_get=True,
            )
        db.session.commit()
        form.code.errors.append(_("The code is not right, or it has expired"))
    return render_template("staff/set_up_authenticator.html", form=form, **authenticator_setup(me))


@bp.post("/account/recovery-codes")
def account_recovery_codes():
    me = _me()
    if not me.has_two_factor or not ConfirmForm().validate_on_submit():
        abort(400)
    codes = issue_recovery_codes(db.session, me, utcnow())
    db.session.commit()
    return render_template(
        "staff/recovery_codes.html",
        codes=codes,
        form=ConfirmForm(),
        action=url_for("staff.account"),
        back_with_get=True,
    )
