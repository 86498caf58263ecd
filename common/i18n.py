"""Translatable text that is not rendered where it is written.

The services and engines must not import the web framework, yet their messages reach a
tenant in the tenant's language. They mark text with ``N_`` (Babel extracts it; see
``babel.cfg`` and the Makefile) and hand a ``Message`` to the channel, which translates it
(``gettext(message.text) % message.params``) in its own terms: a form error, a bot reply,
a problem document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        # English, as written: for logs and for callers that do not translate.
        return self.text % self.params if self.params else self.text


def N_(text: str, /, **params: Any) -> Message:  # noqa: N802 (gettext's marker name)
    """Mark ``text`` for translation; ``%(name)s`` placeholders take ``params``."""
    return Message(text, params)
