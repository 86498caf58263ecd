"""What an admin does to staff accounts: add, disable or enable, reset a password or a
second factor, change a role. Each is logged, and each that takes access away ends the
account's sessions in the same transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from common.i18n import N_
from repairs.accounts.events import log, revoke_sessions
from repairs.accounts.passwords import find_by_email, normalise_email, temporary_password
from repairs.audit import Actor
from repairs.models import StaffRecoveryCode, StaffUser
from repairs.models.staff import STAFF_ROLES
from repairs.services.errors import CONFLICT, FORBIDDEN, NOT_FOUND, ServiceError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _require_admin(actor: Actor) -> None:
    if not actor.is_staff or actor.role != "admin":
        raise ServiceError(FORBIDDEN, N_("Only an admin can change staff accounts"))


def _account(session: Session, staff_id: int) -> StaffUser:
    staff = session.get(StaffUser, staff_id)
    if staff is None:
        raise ServiceError(NOT_FOUND, N_("We could not find that member of staff"))
    return staff


def _last_admin(session: Session, staff: StaffUser) -> bool:
    others = session.scalar(
        select(func.count()).where(
            StaffUser.role == "admin", StaffUser.active.is_(True), StaffUser.id != staff.id
        )
    )
    return staff.role == "admin" and staff.active and not others


@dataclass(frozen=True)
class AddStaff:
    name: str
    email: str
    role: str
    two_factor_required: bool = False


def add_staff(session: Session, actor: Actor, request: AddStaff, now: datetime):
    """A new account and its temporary password (to be read out once, then changed)."""
    _require_admin(actor)
    errors = {}
    name = " ".join((request.name or "").split())
    email = normalise_email(request.email)
    if not name:
        errors["name"] = N_("Enter their full name")
    elif len(name) > 120:
        errors["name"] = N_("Name must be 120 characters or fewer")
    if not EMAIL.match(email) or len(email) > 254:
        errors["email"] = N_("Enter an email address in the correct format, like name@example.com")
    elif find_by_email(session, email) is not None:
        errors["email"] = N_("There is already an account with that email address")
    if request.role not in STAFF_ROLES:
        errors["role"] = N_("Choose a role")
    if errors:
        raise ServiceError.invalid(errors)
    password = temporary_password()
    staff = StaffUser(
        name=name,
        email=email,
        role=request.role,
        active=True,
        must_change_password=True,
        two_factor_required=bool(request.two_factor_required),
    )
    staff.set_password(password)
    session.add(staff)
    session.flush()
    log(session, staff, "created", actor, now, note=request.role)
    return staff, password


def set_active(session: Session, actor: Actor, staff_id: int, active: bool, now: datetime):
    _require_admin(actor)
    staff = _account(session, staff_id)
    if staff.active == active:
        return staff
    if not active and (staff.id == actor.id or _last_admin(session, staff)):
        raise ServiceError(CONFLICT, N_("You cannot disable your own account or the last admin's"))
    staff.active = active
    if not active:
        revoke_sessions(session, staff, now)
    log(session, staff, "enabled" if active else "disabled", actor, now)
    return staff


def reset_password(session: Session, actor: Actor, staff_id: int, now: datetime) -> str:
    """A temporary password for a member of staff who forgot theirs; their sessions end."""
    _require_admin(actor)
    staff = _account(session, staff_id)
    password = temporary_password()
    staff.set_password(password)
    staff.must_change_password = True
    revoke_sessions(session, staff, now)
    log(session, staff, "password_reset", actor, now)
    return password


def reset_two_factor(session: Session, actor: Actor, staff_id: int, now: datetime) -> StaffUser:
    """For a lost phone: the app and the recovery codes stop working; the next sign-in
    sets up a new app. The password still has to be right."""
    _require_admin(actor)
    staff = _account(session, staff_id)
    staff.totp_secret = staff.totp_confirmed_at = staff.totp_last_step = None
    session.execute(delete(StaffRecoveryCode).where(StaffRecoveryCode.staff_id == staff.id))
    revoke_sessions(session, staff, now)
    log(session, staff, "two_factor_reset", actor, now)
    return staff


def change_role(session: Session, actor: Actor, staff_id: int, role: str, now: datetime):
    _require_admin(actor)
    if role not in STAFF_ROLES:
        raise ServiceError.invalid({"role": N_("Choose a role")})
    staff = _account(session, staff_id)
    if staff.role == role:
        return staff
    if staff.role == "admin" and (staff.id == actor.id or _last_admin(session, staff)):
        raise ServiceError(CONFLICT, N_("You cannot change your own role or the last admin's"))
    log(session, staff, "role_changed", actor, now, note=f"{staff.role} → {role}")
    staff.role = role
    # A new role may need a second factor the old one did not: sign in again to set it up.
    revoke_sessions(session, staff, now)
    return staff


def set_two_factor_required(
    session: Session, actor: Actor, staff_id: int, required: bool, now: datetime
) -> StaffUser:
    _require_admin(actor)
    staff = _account(session, staff_id)
    if staff.two_factor_required != required:
        staff.two_factor_required = required
        log(session, staff, "two_factor_required", actor, now, note="yes" if required else "no")
    return staff
