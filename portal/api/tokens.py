"""Bearer tokens for the machine-facing APIs: the scheduling API's tokens serve both."""

from __future__ import annotations

from flask import g, request

from portal.extensions import db
from portal.problems import http_problem
from scheduling.embedded.tokens import authenticate


def require_token(realm: str, open_endpoints: frozenset[str]):
    """A ``before_request`` rule: a live token, or a 401 problem naming the realm."""

    def check():
        if request.endpoint in open_endpoints:
            return None
        scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
        client = authenticate(db.session, presented.strip()) if scheme.lower() == "bearer" else None
        if client is None:
            response = http_problem(401, "send a live token as 'Authorization: Bearer <token>'")
            response.headers["WWW-Authenticate"] = f'Bearer realm="{realm}"'
            return response
        g.api_client = client.name
        return None

    return check
