"""The staff blueprint and its access rule: every route but sign-in needs staff."""

from flask import Blueprint, request

from portal.auth import require_staff

bp = Blueprint("staff", __name__)

PUBLIC_ENDPOINTS = {"staff.sign_in"}


@bp.before_request
def _only_staff():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return require_staff()
