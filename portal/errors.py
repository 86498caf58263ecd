"""Error pages in the design system, and JSON problems for API clients.

No input may produce a traceback for the user: every HTTP error, a CSRF failure and an
unexpected exception all render a page that says what happened and what to do next.
"""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from portal.extensions import db
from portal.problems import from_http_error, http_problem, is_api_path

TITLES = {
    400: _l("Sorry, there is a problem with that request"),
    403: _l("You do not have permission to see this page"),
    404: _l("Page not found"),
    405: _l("Sorry, there is a problem with that request"),
    413: _l("That upload is too large"),
    429: _l("Too many attempts"),
    500: _l("Sorry, there is a problem with the service"),
}


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/scheduling/", "/healthz")) or (
        request.accept_mimetypes.best == "application/json"
    )


def render_error(status: int, detail: str | None = None):
    title = TITLES.get(status, TITLES[400 if status < 500 else 500])
    if _wants_json():
        body = {"type": "about:blank", "title": str(title), "status": status}
        if detail:
            body["detail"] = detail
        response = jsonify(body)
        response.status_code = status
        response.mimetype = "application/problem+json"
        return response
    return render_template("errors/error.html", status=status, title=title, detail=detail), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        return render_error(
            400, str(_l("Your session timed out or the form was out of date. Please try again."))
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        # Routing errors (404, 405) reach no blueprint's handler, so the APIs' are here too.
        if is_api_path(request.path):
            return from_http_error(error)
        response = make_response(render_error(error.code or 500))
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        # Roll back first: a half-done unit of work must not be committed by a later request.
        db.session.rollback()
        app.logger.exception("unhandled error")
        try:
            if is_api_path(request.path):
                return http_problem(InternalServerError.code)
            return render_error(InternalServerError.code)
        except Exception:
            # The error page itself failed (a broken template): still no traceback to the user.
            app.logger.exception("error page failed")
            return str(TITLES[500]), 500, {"Content-Type": "text/plain; charset=utf-8"}
