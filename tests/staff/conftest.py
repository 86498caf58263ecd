"""Staff fixtures: a member of staff of each role (supervisors and admins with an
authenticator app already set up), and signing in as one through the real pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pyotp
import pytest

PASSWORD = "a long pass phrase for tests"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code(secret: str = SECRET, at: datetime | None = None) -> str:
    return pyotp.TOTP(secret).at(at or datetime.now(UTC))


@pytest.fixture
def create_member(factories, session):
    def create(role: str = "agent", *, app: bool | None = None, **overrides):
        with_app = role in ("supervisor", "admin") if app is None else app
        if with_app:
            overrides = {
                "totp_secret": SECRET,
                "totp_confirmed_at": datetime(2026, 1, 1, tzinfo=UTC),
                **overrides,
            }
        staff = factories.create_staff(role=role, password=PASSWORD, **overrides)
        session.commit()
        return staff

    return create


def sign_in(client_request, staff, password: str = PASSWORD) -> None:
    """Sign in through the pages, answering the code step when the account has an app."""
    response = client_request.post_form(
        "/staff/sign-in", {"email": staff.email, "password": password}
    )
    if response.headers["Location"].endswith("/staff/sign-in/code"):
        response = client_request.post_form("/staff/sign-in/code", {"code": code()})
    assert response.headers["Location"].endswith("/staff/"), response.headers["Location"]


@pytest.fixture
def signed_in(client_request, create_member):
    """A client signed in as a new member of staff of the given role."""

    def as_role(role: str = "agent", **overrides):
        staff = create_member(role, **overrides)
        sign_in(client_request, staff)
        return staff

    return as_role
