"""Twilio's request signature, checked with the official ``RequestValidator``.

The URL signed is the one Twilio called: ``PUBLIC_BASE_URL`` plus the path and query,
never the address the request reached us at (behind a proxy that differs). A request
that fails is answered 403 and leaves nothing behind but a log line, without its payload.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Response, current_app, request
from twilio.request_validator import RequestValidator


def signed_url() -> str:
    """The address Twilio signed: the public base URL, the path and any query."""
    query = request.query_string.decode("latin-1")
    base = current_app.config["PUBLIC_BASE_URL"]
    return f"{base}{request.path}" + (f"?{query}" if query else "")


def signature_is_valid() -> bool:
    token = current_app.config.get("TWILIO_AUTH_TOKEN") or ""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    return RequestValidator(token).validate(signed_url(), request.form, signature)


def refuse_unsigned() -> Response | None:
    """A ``before_request`` hook: None for a request Twilio signed, else a bare 403."""
    if signature_is_valid():
        return None
    current_app.logger.warning(
        "Twilio signature check failed",
        extra={"fields": {"path": request.path, "remote": request.remote_addr}},
    )
    return Response("Forbidden\n", 403, mimetype="text/plain")


def twilio_signed(view: Callable) -> Callable:
    """The same check for a single view outside the Twilio blueprint."""

    @functools.wraps(view)
    def checked(*args, **kwargs):
        refused = refuse_unsigned()
        return refused if refused is not None else view(*args, **kwargs)

    return checked
