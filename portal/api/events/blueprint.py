"""The field-events API, version 1, at ``/api/v1``: token-authenticated like the
scheduling API (the same tokens), JSON in and out, problem+json for every error."""

from __future__ import annotations

from flask import Blueprint
from werkzeug.exceptions import HTTPException

from portal.api.tokens import require_token
from portal.problems import from_http_error

bp = Blueprint("events_api", __name__, url_prefix="/api/v1")
bp.before_request(require_token("events", frozenset({"events_api.openapi"})))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return from_http_error(error)
