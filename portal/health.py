"""``GET /healthz``: 200 with JSON once the app and its database answer, 503 otherwise."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.ping()
    except SQLAlchemyError as exc:
        current_app.logger.warning("health check failed", extra={"fields": {"error": str(exc)}})
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok", dialect=db.engine.dialect.name)
