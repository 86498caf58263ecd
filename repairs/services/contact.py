"""A person's contact preferences: which channel, which language, and whether to be
reminded of appointments. Every channel that lets a person change them calls this."""

from __future__ import annotations

from dataclasses import dataclass

from common.i18n import N_
from repairs.audit import Actor
from repairs.messaging.outbox import MESSAGE_CHANNELS
from repairs.models import Person
from repairs.services.context import Context
from repairs.services.errors import NOT_FOUND, ServiceError
from repairs.services.operation import operation


@dataclass(frozen=True)
class ContactPreferences:
    person_id: int
    channel: str | None = None
    language: str | None = None
    reminders: bool | None = None


@operation
def set_contact_preferences(ctx: Context, actor: Actor, change: ContactPreferences) -> Person:
    """Change what is given (None leaves it as it is). Choosing WhatsApp is consent to it."""
    if actor.is_tenant and actor.id != change.person_id:
        raise ServiceError(NOT_FOUND, N_("We could not find that person"))
    person = ctx.session.get(Person, change.person_id)
    if person is None:
        raise ServiceError(NOT_FOUND, N_("We could not find that person"))
    errors = {}
    if change.channel is not None and change.channel not in MESSAGE_CHANNELS:
        errors["channel"] = N_("Select text message or WhatsApp")
    language = change.language
    if language is not None and not (
        language.isascii() and language.isalpha() and len(language) <= 10
    ):
        errors["language"] = N_("Select a language from the list")
    if errors:
        raise ServiceError.invalid(errors)
    if change.channel is not None:
        person.preferred_channel = change.channel
        if change.channel == "whatsapp":
            person.consent_whatsapp = True
    if language is not None:
        person.preferred_language = language
    if change.reminders is not None:
        person.reminders = bool(change.reminders)
    ctx.session.flush()
    return person
