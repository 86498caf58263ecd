"""How a tenant view calls a service: as this tenant, through the web, one transaction.

The request commits once the operation returns, and rolls back when it refuses; a
refusal's messages go back onto the form, by the field they are about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from flask import abort
from flask_babel import gettext
from flask_login import current_user

from common.i18n import Message
from portal.extensions import db
from portal.wiring import services
from repairs.audit import Actor
from repairs.services import ServiceError
from repairs.services.access import Household, household_of
from repairs.services.errors import NOT_FOUND

R = TypeVar("R")


def actor() -> Actor:
    person = current_user.person
    return Actor.tenant(person.id, person.full_name, "web")


def household() -> Household:
    found = household_of(db.session, current_user.person.id)
    if found is None:
        abort(404)
    return found


def call(operation: Callable[..., R], request: object) -> R:
    """Run one service operation for the signed-in tenant and commit, or roll back."""
    try:
        result = operation(services(), actor(), request)
    except ServiceError as error:
        db.session.rollback()
        if error.code == NOT_FOUND:
            abort(404)  # another household's repair, or none: the same answer
        raise
    db.session.commit()
    return result


def say(message: Message) -> str:
    """A service's message in the tenant's language."""
    return gettext(message.text, **dict(message.params))


def onto(form, error: ServiceError, default: str, names: Mapping[str, str] | None = None) -> None:
    """Put a refusal's messages by the fields they concern (``names`` maps the service's
    field names to the form's); the rest by ``default``."""
    names = names or {}
    placed = False
    for name, message in error.fields.items():
        field = getattr(form, names.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, say(message)]
            placed = True
    if not placed:
        field = getattr(form, default)
        field.errors = [*field.errors, say(error.message)]
