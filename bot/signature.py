"""Twilio's signature on every webhook, checked with Twilio's own ``RequestValidator``.

The URL checked is the one Twilio called: ``PUBLIC_BASE_URL`` and the request's path and
query, never the address the app sees behind a proxy. Without ``TWILIO_AUTH_TOKEN``
nothing passes: there is no "development" exception.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Request, abort, current_app, request
from twilio.request_validator import RequestValidator, get_signature_algorithm


def signed_url(req: Request) -> str:
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


def twilio_signed(view: Callable) -> Callable:
    """Refuse (403) any request Twilio did not sign, before the view reads anything.

    The refusal is logged without the payload: a forged message may carry someone's
    words or number, and nothing of it is stored.
    """

    @wraps(view)
    def checked(*args, **kwargs):
        problem = signature_problem(request)
        if problem is not None:
            current_app.logger.warning(
                "twilio webhook refused",
                extra={"fields": {"path": request.path, "reason": problem}},
            )
            abort(403)
        return view(*args, **kwargs)

    return checked
