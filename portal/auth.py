"""Who is signed in: a tenant (on behalf of their household) or a member of staff.

Flask-Login stores one id; a prefix says which kind, so a tenant id can never be read
as a staff id. Access rules hang on the blueprint, not on each view.
"""

from __future__ import annotations

from datetime import date
from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import UserMixin, current_user
from sqlalchemy import select

from portal.extensions import db, login_manager
from repairs.models import Person, StaffUser, Tenancy, TenancyMember


class TenantUser(UserMixin):
    kind = "tenant"

    def __init__(self, person: Person, tenancy: Tenancy) -> None:
        self.person = person
        self.tenancy = tenancy
        self.preferred_language = person.preferred_language

    def get_id(self) -> str:
        return f"tenant:{self.person.id}"


class StaffPrincipal(UserMixin):
    kind = "staff"

    def __init__(self, staff: StaffUser) -> None:
        self.staff = staff
        self.role = staff.role
        self.preferred_language = None

    def get_id(self) -> str:
        return f"staff:{self.staff.id}"


def current_tenancy_for(person_id: int, on: date | None = None) -> Tenancy | None:
    on = on or date.today()
    rows = db.session.scalars(
        select(Tenancy)
        .join(TenancyMember)
        .where(TenancyMember.person_id == person_id)
        .order_by(Tenancy.start_date.desc())
    )
    return next((t for t in rows if t.is_current(on)), None)


@login_manager.user_loader
def load_user(user_id: str):
    kind, _, raw = user_id.partition(":")
    if not raw.isdigit():
        return None
    if kind == "tenant":
        person = db.session.get(Person, int(raw))
        tenancy = current_tenancy_for(int(raw)) if person else None
        return TenantUser(person, tenancy) if tenancy else None
    if kind == "staff":
        staff = db.session.get(StaffUser, int(raw))
        return StaffPrincipal(staff) if staff and staff.active else None
    return None


def require_tenant() -> None:
    """A ``before_request`` rule for tenant-only blueprints."""
    if not current_user.is_authenticated or current_user.kind != "tenant":
        return redirect(url_for("tenant.sign_in", next=request.path))
    return None


def require_staff() -> None:
    if not current_user.is_authenticated or current_user.kind != "staff":
        return redirect(url_for("staff.sign_in", next=request.path))
    return None


def roles_allowed(*roles: str):
    """Refuse staff whose role is not one of ``roles`` (a 403, not a redirect)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if current_user.kind != "staff" or current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate
