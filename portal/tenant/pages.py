"""The start page and the language switcher."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user

from portal.extensions import db
from portal.safety import safe_next
from portal.tenant.blueprint import bp
from repairs.models import Person


@bp.get("/")
def index():
    return render_template("tenant/index.html")


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
