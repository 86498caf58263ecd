"""Tenant views: thin, each parses input, calls one operation, and renders."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import sessions
from portal.extensions import db
from portal.rate_limit import hit
from portal.safety import safe_next
from portal.tenant.blueprint import bp
from portal.tenant.forms import SignInForm
from repairs.models import Person
from repairs.queries import household_repair, household_repairs, tenant_for_sign_in


@bp.get("/")
def index():
    return render_template("tenant/index.html")


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        limit = current_app.config["SIGN_IN_ATTEMPTS_PER_HOUR"]
        allowed = hit(f"tenant-sign-in:{form.mobile.data}", limit) & hit(
            f"tenant-sign-in-ip:{request.remote_addr}", limit * 10
        )
        if not allowed:
            abort(429)
        found = tenant_for_sign_in(
            db.session, form.mobile.data, form.tenancy_reference.data.strip().upper()
        )
        if found:
            from portal.auth import TenantUser

            sessions.begin(TenantUser(*found), "tenant", found[0].id)
            return redirect(safe_next(request.args.get("next")) or url_for("tenant.repairs"))
        # One message for both fields: do not reveal which of the two was wrong.
        form.mobile.errors.append(
            _("We could not find a tenancy with that mobile number and reference")
        )
    return render_template("tenant/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    sessions.end()
    return redirect(url_for("tenant.index"))


@bp.get("/repairs")
def repairs():
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    listing = household_repairs(db.session, current_user.tenancy.property_id, page=page)
    return render_template("tenant/repairs.html", listing=listing)


@bp.get("/repairs/<reference>")
def repair(reference: str):
    found = household_repair(db.session, current_user.tenancy.property_id, reference)
    if found is None:
        abort(404)
    repair, events, appointments = found
    return render_template(
        "tenant/repair.html", repair=repair, events=events, appointments=appointments
    )


@bp.get("/language/<code>")
def set_language(code: str):
    """Switch language: a cookie for everyone, and the stored preference of a signed-in tenant.

    A GET link rather than a form, so the switcher works without JavaScript from any page;
    it only records a preference and cannot harm anyone if a link is forged.
    """
    response = redirect(safe_next(request.args.get("next")) or url_for("tenant.index"))
    if code not in current_app.config["LOCALES"]:
        return response
    if current_user.is_authenticated and current_user.kind == "tenant":
        person = db.session.get(Person, current_user.person.id)
        person.preferred_language = code
        db.session.commit()
    response.set_cookie(
        "locale",
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )
    return response
