"""The tenant blueprint and its access rule: every route but sign-in needs a tenant."""

from flask import Blueprint, request

from portal.auth import require_tenant

bp = Blueprint("tenant", __name__)

PUBLIC_ENDPOINTS = {"tenant.index", "tenant.sign_in", "tenant.set_language"}


@bp.before_request
def _only_tenants():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return require_tenant()
