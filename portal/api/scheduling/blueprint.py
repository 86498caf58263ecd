"""The scheduling core's HTTP API, version 1, at ``/scheduling/v1``.

Token-authenticated (``Authorization: Bearer ...``, tokens from ``flask scheduling token
create NAME``), JSON in and out, problem+json for every error. The API always serves the
embedded core: a server is the core, never a proxy to another one.
"""

from __future__ import annotations

from flask import Blueprint
from werkzeug.exceptions import HTTPException

from portal.api.tokens import require_token
from portal.problems import from_http_error

bp = Blueprint("scheduling_api", __name__, url_prefix="/scheduling/v1")
bp.before_request(require_token("scheduling", frozenset({"scheduling_api.openapi"})))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return from_http_error(error)
