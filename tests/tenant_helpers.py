"""Signing a tenant in through the real pages: mobile, the code from the outbox, and (the
first time on a number) the tenancy reference and postcode."""

from __future__ import annotations

import re

from sqlalchemy import select

from repairs.models import OutboundMessage

CODE = re.compile(r"\b(\d{6})\b")


def latest_code(session, mobile: str) -> str:
    """The newest sign-in code written to ``mobile``, read as the development outbox shows it."""
    session.expire_all()
    body = session.scalar(
        select(OutboundMessage.body)
        .where(OutboundMessage.to == mobile, OutboundMessage.purpose == "sign_in_code")
        .order_by(OutboundMessage.id.desc())
    )
    assert body, f"no sign-in code was sent to {mobile}"
    return CODE.search(body).group(1)


def sign_in(client_request, session, person, tenancy=None, *, next_url: str = ""):
    """Sign ``person`` in; ``tenancy`` (reference and home) answers the first-time step."""
    client_request.post_form(f"/sign-in{next_url}", {"mobile": person.mobile}, form_url="/sign-in")
    response = client_request.post_form(
        "/sign-in/code", {"code": latest_code(session, person.mobile)}
    )
    if response.headers["Location"].endswith("/sign-in/tenancy"):
        assert tenancy is not None, "first sign-in on this number needs the tenancy"
        response = client_request.post_form(
            "/sign-in/tenancy",
            {"tenancy_reference": tenancy.reference, "postcode": tenancy.home.postcode},
        )
    return response
