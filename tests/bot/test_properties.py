"""Random conversations (hypothesis): whatever a tenant sends, in whatever order, the bot
answers without an error, within three segments, and leaves the conversation in a valid
state after every turn, with the repairs and the scheduling core telling one story."""

from __future__ import annotations

import logging
import os
import uuid
from datetime import datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.engine import Inbound, Settings, segments
from bot.engine.inbox import receive
from bot.engine.state import problems
from common.calendar import LONDON
from portal.config import ROOT
from repairs.models import Conversation
from repairs.services import Context, Policy, find_disagreements
from scheduling.embedded.core import EmbeddedCore
from scheduling.windows import Settings as CoreSettings
from tests.scheduling.conftest import clear_week, create_operative  # noqa: F401
from triage_rules import default_ruleset

RULES = default_ruleset()
WAIT = "<three hours pass>"
WORDS = [
    "help", "HLEP", "pomoc", "status", "statsu", "STAN", "change", "chnage", "C", "ZMIEŃ",
    "cancel", "anuluj", "agent", "call me back", "more", "WIĘCEJ", "yes", "YES", "tak",
    "no", "nie", "new", "thanks", "stop", "start", "polski", "english", "0", "1", "2", "3",
    "4", "5", "6", "9", "12", "4 great job", "the kitchen tap is dripping",
    "damp and black mould on the bedroom wall", "door", "water", "I can smell gas",
    "burst pipe, water pouring through the ceiling", "my own washing machine has broken down",
    "something odd is happening with the thing in my flat", "Cieknie kran w kuchni",
    "boiler broken no heating no hot water, and a leak in the bathroom ceiling, and mould "
    "in the bedroom", "cancel ABC-2345", "", " ", "x" * 2100, WAIT,
]  # fmt: skip
# Openings that reach deep into the flows, which random words alone rarely do.
JOURNEYS = [
    ["the kitchen tap is dripping", "1"],
    ["the kitchen tap is dripping", "1", "change", "2"],
    ["the kitchen tap is dripping", "1", "cancel"],
    ["the kitchen tap is dripping", "the kitchen tap is dripping"],
    ["damp and black mould on the bedroom wall", "2", "status", "change"],
    ["door", "no"],
    ["door", "no", "1"],
    ["the gas fire is not working"],
    ["something odd is happening with the thing in my flat", "1"],
    ["water", "no", "1"],
    ["cooker", "no", "no", "no", "no", "no", "no", "1", "it came with the flat"],
]
MESSAGES = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=60),
    st.integers(min_value=0, max_value=20).map(str),
)
STEPS = st.lists(st.one_of(MESSAGES.map(lambda m: [m]), st.sampled_from(JOURNEYS)), max_size=6)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def numbers(factories, session, create_operative):  # noqa: F811
    """A tenant's own mobile, and one that two tenancies share."""
    create_operative(trades=("plumber", "general_operative", "carpenter", "plasterer"))
    create_operative(trades=("electrician", "roofer", "gas_engineer", "glazier"))
    factories.create_tenant(mobile="+447700900321")
    factories.create_tenant(mobile="+447700900654")
    factories.create_tenant(mobile="+447700900654")
    session.commit()
    return ["+447700900321", "+447700900654"]


@given(
    steps=STEPS.map(lambda groups: [m for group in groups for m in group]).filter(bool),
    channel=st.sampled_from(["sms", "whatsapp"]),
    which=st.integers(min_value=0, max_value=1),
)
@settings(
    max_examples=int(os.environ.get("BOT_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_sequence_of_messages(app, session, numbers, tmp_path, caplog, steps, channel, which):
    monday = clear_week()
    clock = Clock(datetime.combine(monday - timedelta(days=3), time(10), tzinfo=LONDON))
    core = EmbeddedCore(lambda: session, CoreSettings(), clock=clock)
    policy = Policy(upload_dir=tmp_path, translations_dir=ROOT / "translations")
    ctx = Context(session, core, RULES, policy, clock)
    bot = Settings(translations=ROOT / "translations")
    caplog.clear()
    try:
        for text in steps:
            if text == WAIT:
                clock.now += timedelta(hours=3)
                continue
            inbound = Inbound(channel, numbers[which], text, (), f"SM{uuid.uuid4().hex}")
            with caplog.at_level(logging.WARNING):
                received = receive(ctx, bot, inbound)
            assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
            assert 1 <= len(received.replies) <= 3
            for reply in received.replies:
                assert reply.strip() and segments(reply) <= 3, reply
            conversation = session.scalar(
                select(Conversation).where(Conversation.address == numbers[which])
            )
            assert problems(conversation.state, conversation.data) == []
            assert find_disagreements(session, core) == []
            clock.now += timedelta(minutes=1)
    finally:
        session.rollback()
