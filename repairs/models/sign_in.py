"""One-time sign-in codes: what was sent to which number, and how it was used.

Only an HMAC of each code is kept (keyed by the app's secret and a salt of its own), so
a copy of the database does not hand anyone a live code. A row is written for every
request, even for a number we do not hold, so the limits count every attempt alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from repairs.models.base import Base, utcnow


class SignInCode(Base):
    __tablename__ = "sign_in_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    mobile: Mapped[str] = mapped_column(String(16), index=True)
    # None when no adult on a current tenancy holds the number: nothing is sent then.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # The address it was asked from (an IPv6 /64 counts as one), for the per-network limit.
    network: Mapped[str] = mapped_column(String(50), index=True)
    salt: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    used_at: Mapped[datetime | None]
