"""People the landlord contacts: tenants and members of their households."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column, validates

from common.codes import Vulnerability, values
from repairs.models.base import Base, JSONType

VULNERABILITIES = values(Vulnerability)
CONTACT_CHANNELS = ("sms", "whatsapp", "email", "phone", "post")
E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(80))
    family_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date | None]
    # E.164, validated as a UK mobile by repairs.phone before it gets here.
    mobile: Mapped[str | None] = mapped_column(String(16), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_language: Mapped[str] = mapped_column(String(10), default="en")
    preferred_channel: Mapped[str] = mapped_column(String(10), default="sms")
    vulnerabilities: Mapped[list[str]] = mapped_column(JSONType, default=list)
    needs_interpreter: Mapped[bool] = mapped_column(default=False)
    consent_sms: Mapped[bool] = mapped_column(default=True)
    consent_whatsapp: Mapped[bool] = mapped_column(default=False)
    # Set when the tenant texts STOP (or the provider says they did): nothing goes out after
    # it but a sign-in code they ask for (repairs.messaging.outbox.may_text).
    opted_out_at: Mapped[datetime | None]
    # Appointment reminders by text; the tenant turns them off in their contact preferences.
    reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The mobile that last signed in with the tenancy reference and postcode as well: a
    # number that differs (new, or changed by staff) must prove the tenancy again.
    verified_mobile: Mapped[str | None] = mapped_column(String(16))

    @validates("mobile")
    def _e164_only(self, _key: str, value: str | None) -> str | None:
        # Every number is stored one way, so a text from +447700900001 finds its tenant.
        if value is not None and not E164.match(value):
            raise ValueError(f"mobile must be in E.164 form, like +447700900001, not {value!r}")
        return value

    @validates("vulnerabilities")
    def _known_flags(self, _key: str, value: list[str]) -> list[str]:
        unknown = set(value) - set(VULNERABILITIES)
        if unknown:
            raise ValueError(f"unknown vulnerability flags: {sorted(unknown)}")
        return value

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
