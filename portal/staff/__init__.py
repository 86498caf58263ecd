"""The contact-centre side: staff sign in with a password; roles decide what they see."""

from flask import Blueprint, request

from portal.auth import require_staff

bp = Blueprint("staff", __name__)

PUBLIC_ENDPOINTS = {"staff.sign_in"}


@bp.before_request
def _only_staff():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return require_staff()


from portal.staff import views  # noqa: E402, F401  (routes register on import)
