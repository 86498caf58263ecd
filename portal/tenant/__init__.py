"""The tenant's side: sign in, see the household's repairs, and (later) report and book."""

from flask import Blueprint, request

from portal.auth import require_tenant

bp = Blueprint("tenant", __name__)

PUBLIC_ENDPOINTS = {"tenant.index", "tenant.sign_in", "tenant.set_language"}


@bp.before_request
def _only_tenants():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return require_tenant()


from portal.tenant import views  # noqa: E402, F401  (routes register on import)
