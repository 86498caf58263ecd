"""Contact-centre and housing staff who sign in to the staff side: the account, its second
factor, its recovery codes and the record of what was done to it."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, utcnow

STAFF_ROLES = ("agent", "supervisor", "surveyor", "admin")
_hasher = PasswordHasher()


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    last_sign_in_at: Mapped[datetime | None]
    # Set by an admin's reset: the temporary password works once, to choose a new one.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # An authenticator app's shared secret (base32), and when its first code was accepted;
    # a secret that was never confirmed does not count as a second factor.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None]
    # The last 30-second step accepted, so a code seen over a shoulder cannot be replayed.
    totp_last_step: Mapped[int | None]
    # An admin may ask for a second factor from any account, whatever its role.
    two_factor_required: Mapped[bool] = mapped_column(default=False)

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    @property
    def has_two_factor(self) -> bool:
        return self.totp_secret is not None and self.totp_confirmed_at is not None


class StaffRecoveryCode(Base):
    """A one-use code for when the authenticator app is lost; only its SHA-256 is kept."""

    __tablename__ = "staff_recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


ACCOUNT_EVENT_KINDS = (
    "created",
    "disabled",
    "enabled",
    "role_changed",
    "password_reset",
    "password_changed",
    "two_factor_set_up",
    "two_factor_reset",
    "two_factor_required",
    "recovery_codes_issued",
    "recovery_code_used",
)


class StaffAccountEvent(Base):
    """What was done to a staff account, by whom and when: append-only, like the repairs'
    audit trail, so an admin cannot quietly grant and revoke access."""

    __tablename__ = "staff_account_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    actor_label: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(String(200))


@event.listens_for(StaffAccountEvent, "before_update")
@event.listens_for(StaffAccountEvent, "before_delete")
def _append_only(mapper, connection, target):
    raise RuntimeError("staff account events are append-only")
