"""Passwords: checking one with the same work whether or not the account exists, the
length rule, and changing one's own."""

from __future__ import annotations

import functools
import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.i18n import N_, Message
from repairs.accounts.events import log
from repairs.models import StaffUser

MIN_LENGTH = 12
MAX_LENGTH = 200
_hasher = PasswordHasher()


@functools.cache
def _decoy_hash() -> str:
    # Verified against when no usable account matches, so an unknown address costs the
    # same Argon2 work as a known one and timing reveals nothing.
    return _hasher.hash(secrets.token_urlsafe(24))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email))
    )


def authenticate(session: Session, email: str, password: str) -> StaffUser | None:
    """The active account with this address and password, or None.

    Exactly one Argon2 verification runs in every case (no account, a disabled one, a
    wrong password, the right one). A hash made with older parameters is upgraded.
    """
    staff = find_by_email(session, email)
    target = staff.password_hash if staff is not None else _decoy_hash()
    try:
        ok = _hasher.verify(target, password or "")
    except (VerificationError, InvalidHashError):
        ok = False
    if staff is None or not ok or not staff.active:
        return None
    if _hasher.check_needs_rehash(staff.password_hash):
        staff.set_password(password)
    return staff


def password_problem(password: str, email: str = "") -> Message | None:
    """Why ``password`` cannot be used, or None. Length is what makes a password strong
    (NCSC guidance): no rules about symbols, which only make people write them down."""
    if len(password or "") < MIN_LENGTH:
        return N_("Your password must be %(count)s characters or more", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return N_("Your password must be %(count)s characters or fewer", count=MAX_LENGTH)
    if email and normalise_email(password) == normalise_email(email):
        return N_("Your password must not be your email address")
    return None


def change_password(
    session: Session, staff: StaffUser, new: str, confirm: str, now: datetime
) -> dict[str, Message]:
    """Set ``staff``'s own password; returns the problems by field (empty when done)."""
    problem = password_problem(new, staff.email)
    if problem is not None:
        return {"password": problem}
    if new != confirm:
        return {"confirm": N_("The passwords do not match")}
    if staff.check_password(new):
        return {"password": N_("Choose a password you have not used here before")}
    staff.set_password(new)
    staff.must_change_password = False
    log(session, staff, "password_changed", None, now)
    return {}


def temporary_password() -> str:
    """A password an admin reads out once; it only lets the holder choose their own."""
    words = secrets.token_urlsafe(15)
    return "-".join(words[i : i + 5] for i in range(0, 20, 5))
