"""The tenant blueprint and its access rule: every route but the start page, the
language switcher and the sign-in steps needs a signed-in tenant."""

from flask import Blueprint, request

from portal.auth import require_tenant

bp = Blueprint("tenant", __name__)

PUBLIC_ENDPOINTS = {
    "tenant.index",
    "tenant.set_language",
    "tenant.sign_in",
    "tenant.sign_in_code",
    "tenant.sign_in_resend",
    "tenant.sign_in_tenancy",
}


@bp.before_request
def _only_tenants():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return require_tenant()
