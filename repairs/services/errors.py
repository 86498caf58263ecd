"""The one error type every service operation raises.

It carries what went wrong as translatable messages (``common.i18n``), overall and per
field, so each channel can say it in its own terms: a message by the form field, a bot
reply, a problem document. A ``code`` lets a channel react without reading the words.
"""

from __future__ import annotations

from collections.abc import Mapping

from common.i18n import Message

# The codes a channel may act on.
INVALID = "invalid"  # the input is wrong: see the field messages
NOT_FOUND = "not_found"  # no such thing, or not one this actor may see
FORBIDDEN = "forbidden"  # this actor may not do this
CONFLICT = "conflict"  # the repair changed meanwhile, or is in a state that forbids this
SLOT_GONE = "slot_gone"  # someone else took the place
NOT_ALLOWED_NOW = "not_allowed_now"  # the landlord's rules (no changes on the day ...)
UNAVAILABLE = "unavailable"  # the scheduling core did not answer: try again


class ServiceError(Exception):
    def __init__(
        self,
        code: str,
        message: Message,
        fields: Mapping[str, Message] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields: dict[str, Message] = dict(fields or {})

    @classmethod
    def invalid(cls, fields: Mapping[str, Message], message: Message | None = None):
        first = message or next(iter(fields.values()))
        return cls(INVALID, first, fields)

    def __repr__(self) -> str:
        return f"ServiceError({self.code!r}, {str(self.message)!r}, fields={list(self.fields)})"
