"""The second factor: an authenticator app (TOTP, RFC 6238) and one-use recovery codes.

Supervisors and admins must have one (they see and change more); the landlord can ask it
of everyone (``STAFF_TWO_FACTOR_FOR_ALL``), an admin of any one account, and anyone may
set one up for themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from repairs.accounts.events import log
from repairs.models import StaffRecoveryCode, StaffUser

ROLES_NEEDING_TWO_FACTOR = frozenset({"supervisor", "admin"})
STEP_SECONDS = 30
RECOVERY_CODES = 10
# 16 characters of base32: 80 bits each, far beyond guessing, so a fast hash is enough.
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def needs_two_factor(staff: StaffUser, for_all: bool = False) -> bool:
    return for_all or staff.two_factor_required or staff.role in ROLES_NEEDING_TWO_FACTOR


def start_totp(staff: StaffUser) -> str:
    """A fresh secret for setting up an app; it counts only once a code from it is given."""
    staff.totp_secret = pyotp.random_base32()
    staff.totp_confirmed_at = None
    staff.totp_last_step = None
    return staff.totp_secret


def provisioning_uri(staff: StaffUser, issuer: str) -> str:
    return pyotp.TOTP(staff.totp_secret).provisioning_uri(name=staff.email, issuer_name=issuer)


def _digits(code: str) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace())


def accept_totp(staff: StaffUser, code: str, now: datetime) -> bool:
    """Whether ``code`` is the app's code now (or one step either side, for clock drift)
    and newer than the last accepted one; remembers its step so it works only once."""
    code = _digits(code)
    if staff.totp_secret is None or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(staff.totp_secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if staff.totp_last_step is not None and step <= staff.totp_last_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            staff.totp_last_step = step
            return True
    return False


def confirm_totp(session: Session, staff: StaffUser, code: str, now: datetime) -> bool:
    """Finish setting up the app with its first code."""
    if staff.has_two_factor or not accept_totp(staff, code, now):
        return False
    staff.totp_confirmed_at = now
    log(session, staff, "two_factor_set_up", None, now)
    return True


def _hash(code: str) -> str:
    plain = "".join(ch for ch in (code or "").lower() if ch.isalnum())
    return hashlib.sha256(plain.encode()).hexdigest()


def issue_recovery_codes(session: Session, staff: StaffUser, now: datetime) -> list[str]:
    """Ten new codes, shown once; any earlier ones stop working."""
    session.execute(delete(StaffRecoveryCode).where(StaffRecoveryCode.staff_id == staff.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    session.add_all(
        StaffRecoveryCode(staff_id=staff.id, code_hash=_hash(c), created_at=now) for c in codes
    )
    log(session, staff, "recovery_codes_issued", None, now)
    return codes


def use_recovery_code(session: Session, staff: StaffUser, code: str, now: datetime) -> bool:
    """Spend one unused recovery code of ``staff``'s."""
    row = session.scalar(
        select(StaffRecoveryCode).where(
            StaffRecoveryCode.staff_id == staff.id,
            StaffRecoveryCode.code_hash == _hash(code),
            StaffRecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return False
    row.used_at = now
    log(session, staff, "recovery_code_used", None, now)
    return True


def recovery_codes_left(session: Session, staff: StaffUser) -> int:
    return len(
        session.scalars(
            select(StaffRecoveryCode.id).where(
                StaffRecoveryCode.staff_id == staff.id, StaffRecoveryCode.used_at.is_(None)
            )
        ).all()
    )
