"""The values messages share: who we are, the repair, the appointment, and their links.

Both the services (a confirmation) and the worker's reminder run (a reminder) build a
message's parameters here, so the same appointment reads the same in both.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from common.calendar import local
from repairs.messaging.templates import format_clock
from repairs.models import Appointment, Repair


@dataclass(frozen=True)
class Letterhead:
    """Who the messages come from, and where their links point."""

    landlord_name: str = "Trent Vale Homes"
    landlord_phone: str = "0115 496 0000"
    public_base_url: str = "http://127.0.0.1:5000"
    translations_dir: Path = Path("translations")

    def repair_link(self, reference: str) -> str:
        return f"{self.public_base_url}/repairs/{reference}"

    def calendar_link(self, token: str) -> str:
        return f"{self.public_base_url}/calendar/{token}.ics"


def new_calendar_token() -> str:
    # 96 random bits in 16 characters: unguessable, and short enough for a text message.
    return secrets.token_urlsafe(12)


def repair_values(letterhead: Letterhead, repair: Repair) -> dict[str, object]:
    values: dict[str, object] = {
        "landlord": letterhead.landlord_name,
        "phone": letterhead.landlord_phone,
        "reference": repair.reference,
        "link": letterhead.repair_link(repair.reference),
    }
    if repair.target_at is not None:
        # Working-day targets end at midnight: the day is what a tenant needs to read.
        target = repair.target_at if repair.priority == "emergency" else local(repair.target_at)
        values["target"] = target if repair.priority == "emergency" else target.date()
    return values


def visit_values(appointment: Appointment, language: str) -> dict[str, object]:
    """The day and the window of ``appointment``, as the tenant reads them."""
    return {
        "day": local(appointment.starts_at).date(),
        "start": format_clock(appointment.starts_at, language),
        "end": format_clock(appointment.ends_at, language),
        "arrival": appointment.starts_at,
    }


def appointment_values(
    letterhead: Letterhead, appointment: Appointment, language: str
) -> dict[str, object]:
    """The visit and its calendar link (the appointment is given a token now if it has
    none, in the caller's transaction)."""
    if appointment.calendar_token is None:
        appointment.calendar_token = new_calendar_token()
    values = visit_values(appointment, language)
    values["calendar"] = letterhead.calendar_link(appointment.calendar_token)
    return values
