"""One turn of a conversation: who is texting, in which language, and what we answer.

The flows (report, appointments, status) work on a ``Chat``: they read the
conversation's state, call the repair services through ``attempt`` and add replies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from bot.engine.segments import fit
from bot.engine.speech import Speaker, shorten
from common.calendar import local
from common.i18n import Message
from repairs.audit import Actor
from repairs.models import Conversation, Person, Repair
from repairs.services import Context, ServiceError

R = TypeVar("R")
# No turn sends more messages than this: a tenant's phone should not buzz five times.
MAX_REPLIES = 3
# A problem named inside a sentence is cut to this many characters.
PROBLEM_WIDTH = 48


@dataclass(frozen=True)
class Media:
    """A file sent with a message: where the provider keeps it, and its declared type."""

    url: str
    content_type: str


@dataclass(frozen=True)
class Inbound:
    """A message as any channel hands it to the engine."""

    channel: str  # "sms" or "whatsapp"
    address: str  # the sender's number, E.164 for a UK mobile
    text: str
    media: tuple[Media, ...] = ()
    # The provider's id of the message (Twilio's MessageSid): idempotency keys use it.
    message_id: str = ""


@dataclass(frozen=True)
class Settings:
    """What the engine needs to know beyond the services' context."""

    translations: Path
    public_url: str = "http://127.0.0.1:5000"
    idle_minutes: int = 120
    gas_number: str = "0800 111 999"


@dataclass
class Chat:
    ctx: Context
    settings: Settings
    inbound: Inbound
    conversation: Conversation
    speaker: Speaker
    person: Person | None = None
    replies: list[str] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        assert self.person is not None, "only a known tenant acts"
        return Actor.tenant(self.person.id, self.person.full_name, self.inbound.channel)

    @property
    def data(self) -> dict[str, Any]:
        return self.conversation.data

    @property
    def phone(self) -> str:
        return self.ctx.policy.landlord_phone

    @property
    def today(self) -> date:
        return local(self.ctx.now()).date()

    def goto(self, state: str, **data: Any) -> None:
        # A new dict, so the JSON column sees the change.
        self.conversation.state, self.conversation.data = state, dict(data)

    def reset(self, **data: Any) -> None:
        self.goto("start", **data)

    def add(self, text: str) -> None:
        if len(self.replies) < MAX_REPLIES:
            self.replies.append(fit(text))
        else:  # never more messages: the last one carries the rest, still within budget
            self.replies[-1] = fit(self.replies[-1] + "\n" + text)

    def say(self, name: str, **params: object) -> None:
        self.add(self.speaker.say(name, **params))

    def text(self, item: Message | str) -> str:
        return self.speaker.text(item)

    def refused(self, error: ServiceError) -> None:
        """Tell the tenant why a service said no, in their language."""
        self.add(self.text(error.message))

    def attempt(self, operation: Callable[[Context, Actor, Any], R], request: Any) -> R:
        """Call a service for the tenant. A refusal rolls back whatever it had begun
        (the conversation and the message itself stay) and is raised as it came."""
        with self.ctx.session.begin_nested():
            return operation(self.ctx, self.actor, request)

    def problem_of(self, repair: Repair) -> str:
        """A repair's problem as the rule files name it (in the tenant's language), or
        the tenant's first words; short enough to sit inside a sentence."""
        label: Message | str = (repair.description or "").split("\n")[0]
        if repair.problem:
            with contextlib.suppress(KeyError):  # a problem since removed from the rules
                label = Message(self.ctx.rules.leaf(repair.problem).label)
        return shorten(self.text(label), PROBLEM_WIDTH)
