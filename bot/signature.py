"""Twilio's signature on every webhook, checked with Twilio's own ``RequestValidator``.

The URL checked is the one Twilio called: ``PUBLIC_BASE_URL`` and the request's path and
query, never the address the app sees behind a proxy. Without ``TWILIO_AUTH_TOKEN``
nothing passes: there is no "development" exception. A request that fails is answered
403 and leaves nothing behind but a log line, without its payload (a forged message may
carry someone's words or number).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Request, Response, current_app, request
from twilio.request_validator import RequestValidator, get_signature_algorithm


def signed_url(req: Request) -> str:
    """The address Twilio signed: the public base URL, the path and any query."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + (req.full_path if req.query_string else req.path)


def signature_problem(req: Request) -> str | None:
    """Why ``req`` is not a request Twilio signed for us, or None when it is."""
    token = current_app.config.get("TWILIO_AUTH_TOKEN") or ""
    if not token:
        return "TWILIO_AUTH_TOKEN is not set"
    signature = req.headers.get("X-Twilio-Signature", "")
    if not signature:
        return "no X-Twilio-Signature header"
    settings = req.headers.get("X-Twilio-Webhooks-Signature-Settings")
    if not RequestValidator(token).validate(
        signed_url(req), req.form, signature, get_signature_algorithm(settings)
    ):
        return "signature does not match"
    return None


def refuse_unsigned() -> Response | None:
    """A ``before_request`` hook: None for a request Twilio signed, else a bare 403."""
    problem = signature_problem(request)
    if problem is None:
        return None
    current_app.logger.warning(
        "twilio webhook refused",
        extra={"fields": {"path": request.path, "reason": problem, "remote": request.remote_addr}},
    )
    return Response("Forbidden\n", 403, mimetype="text/plain")


def twilio_signed(view: Callable) -> Callable:
    """The same check for a single view outside the Twilio blueprint."""

    @functools.wraps(view)
    def checked(*args, **kwargs):
        refused = refuse_unsigned()
        return refused if refused is not None else view(*args, **kwargs)

    return checked
