"""The scheduling core's HTTP API, version 1, at ``/scheduling/v1``.

Token-authenticated (``Authorization: Bearer ...``, tokens from ``flask scheduling token
create NAME``), JSON in and out, problem+json for every error. The API always serves the
embedded core: a server is the core, never a proxy to another one.
"""

from __future__ import annotations

from flask import Blueprint, g, request
from werkzeug.exceptions import HTTPException

from portal.api.problems import from_http_error, http_problem
from portal.extensions import db
from scheduling.embedded.tokens import authenticate

bp = Blueprint("scheduling_api", __name__, url_prefix="/scheduling/v1")
OPEN_ENDPOINTS = {"scheduling_api.openapi"}


@bp.before_request
def _require_token():
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
    client = authenticate(db.session, presented.strip()) if scheme.lower() == "bearer" else None
    if client is None:
        response = http_problem(401, "send a live token as 'Authorization: Bearer <token>'")
        response.headers["WWW-Authenticate"] = 'Bearer realm="scheduling"'
        return response
    g.scheduling_client = client.name
    return None


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return from_http_error(error)
