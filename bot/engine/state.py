"""Where a conversation has got to: its state, what that state must carry, and expiry.

A conversation is one row per channel and number. Its ``state`` names the question we
are waiting on; ``data`` holds what that question needs (the slots offered, the report
so far). After ``idle_minutes`` without a message it starts again from ``start``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from repairs.models import Conversation

# Each state and the keys its data must hold (the property test checks every turn).
STATES: dict[str, frozenset[str]] = {
    "start": frozenset(),
    "describe": frozenset(),
    "pick_home": frozenset({"homes", "pending"}),
    "report_check": frozenset({"draft"}),
    "report_check_any": frozenset({"draft", "shown"}),
    "report_pick": frozenset({"draft", "shown"}),
    "report_question": frozenset({"draft"}),
    "report_existing": frozenset({"draft", "existing"}),
    "pick_slot": frozenset({"repair", "mode", "slots", "after"}),
    "pick_repair": frozenset({"action", "repairs"}),
    "confirm_cancel": frozenset({"repair", "what"}),
}
# States that wait for a number from a list: a number after they expire gets an apology.
LIST_STATES = frozenset(
    {"pick_home", "report_check_any", "report_pick", "report_existing", "pick_slot", "pick_repair"}
)
DRAFT_KEYS = frozenset(
    {"text", "answers", "checks", "pick", "candidates", "problem", "unsure", "questions", "notes"}
)


def load(session: Session, channel: str, address: str) -> Conversation:
    """The conversation for ``channel`` and ``address``, locked for this turn (created on
    the first message; two first messages at once both end up with the same row)."""
    query = select(Conversation).where(
        Conversation.channel == channel, Conversation.address == address
    )
    found = session.scalar(query.with_for_update())
    if found is not None:
        return found
    created = Conversation(channel=channel, address=address, state="start", data={})
    if session.get_bind().dialect.name == "sqlite":
        # SQLite runs one writer at a time, so no other first message can race this one;
        # and pysqlite would commit a savepoint that opened the transaction.
        session.add(created)
        session.flush()
        return created
    try:
        with session.begin_nested():
            session.add(created)
    except IntegrityError:
        return session.scalar(query.with_for_update())
    return created


def expire(conversation: Conversation, now: datetime) -> str | None:
    """Start again if the conversation has been idle too long; returns the state it was
    in, so a late answer can be told why its list has gone."""
    if conversation.expires_at is None or conversation.expires_at > now:
        return None
    previous = conversation.state
    conversation.state, conversation.data = "start", {}
    return previous if previous != "start" else None


def touch(conversation: Conversation, now: datetime, idle_minutes: int) -> None:
    conversation.updated_at = now
    conversation.expires_at = now + timedelta(minutes=idle_minutes)


def problems(state: str, data: object) -> list[str]:
    """What is wrong with a conversation's state and data (empty when it is valid)."""
    if state not in STATES:
        return [f"unknown state {state!r}"]
    if not isinstance(data, dict):
        return ["data is not an object"]
    found = [f"{state} lacks {key}" for key in sorted(STATES[state] - set(data))]
    draft = data.get("draft")
    if "draft" in STATES[state] and isinstance(draft, dict):
        found += [f"draft lacks {key}" for key in sorted(DRAFT_KEYS - set(draft))]
        if not isinstance(draft.get("text"), str) or not isinstance(draft.get("answers"), dict):
            found.append("draft text or answers malformed")
    if state == "pick_slot":
        slots = data.get("slots")
        if (
            data.get("mode") not in ("book", "rebook")
            or not slots
            or not all(isinstance(s, list) and len(s) == 2 for s in slots)
        ):
            found.append("pick_slot without slots or mode")
    if state == "pick_repair" and (
        data.get("action") not in ("change", "cancel") or not data.get("repairs")
    ):
        found.append("pick_repair without action or repairs")
    if state == "confirm_cancel" and data.get("what") not in ("appointment", "repair"):
        found.append("confirm_cancel without what")
    return found
