"""Staff views: sign in and an overview derived from the data."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal import sessions
from portal.auth import StaffPrincipal
from portal.extensions import db
from portal.rate_limit import hit
from portal.safety import safe_next
from portal.staff.blueprint import bp
from portal.staff.forms import StaffSignInForm
from repairs.models import StaffUser
from repairs.models.base import utcnow
from repairs.queries import open_repairs_by_priority


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = StaffSignInForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        limit = current_app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]
        if not hit(f"staff-sign-in:{email}", limit) & hit(
            f"staff-sign-in-ip:{request.remote_addr}", limit * 10
        ):
            abort(429)
        staff = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email))
        if staff and staff.active and staff.check_password(form.password.data):
            staff.last_sign_in_at = utcnow()
            db.session.commit()
            sessions.begin(StaffPrincipal(staff), "staff", staff.id)
            return redirect(safe_next(request.args.get("next")) or url_for("staff.overview"))
        form.email.errors.append(_("The email address or password is not right"))
    return render_template("staff/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    sessions.end()
    return redirect(url_for("staff.sign_in"))


@bp.get("/")
def overview():
    counts = open_repairs_by_priority(db.session)
    return render_template("staff/overview.html", counts=counts, staff=current_user.staff)
