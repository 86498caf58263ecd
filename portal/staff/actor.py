"""The signed-in member of staff as the services' ``Actor``."""

from __future__ import annotations

from flask_login import current_user

from repairs.audit import Actor

# How a tenant can reach an agent; anything else a form sends is taken as a phone call.
STAFF_CHANNELS = ("phone", "visit", "letter", "email")


def acting(channel: str = "phone") -> Actor:
    """The current member of staff acting through ``channel`` (how the tenant reached
    them), as every audit event will record it."""
    staff = current_user.staff
    if channel not in STAFF_CHANNELS:
        channel = "phone"
    return Actor.staff(staff.id, staff.name, staff.role, channel)
