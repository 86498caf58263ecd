"""The conversation engine: a message in, the replies out, the conversation moved on.

It knows nothing of Twilio or of web requests: a webhook, the terminal (``flask bot
chat``) and the development phone page all hand it an ``Inbound`` and send what it
returns. It flushes and never commits; the caller owns the transaction.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import flag_modified

from bot.engine import (
    appointments,
    notices,
    optout,
    outcomes,
    photos,
    report,
    senders,
    state,
    tracking,
)
from bot.engine.chat import Chat, Inbound, Settings
from bot.engine.people import tenants_for
from bot.engine.polish import with_gloss
from bot.engine.speech import Speaker
from bot.engine.words import Reading, read
from common.calendar import local
from repairs.models import OutboundMessage
from repairs.services import Context, ServiceError
from triage_rules import RuleSet

log = logging.getLogger(__name__)

# The state each answer belongs to; any other message there falls through to keywords.
ANSWERS = {
    "report_check": (report.on_check, lambda r: r.keyword in ("yes", "no")),
    "report_check_any": (
        report.on_check_any,
        lambda r: r.number is not None or r.keyword in ("yes", "no"),
    ),
    "report_pick": (report.on_pick, lambda r: r.number is not None),
    "report_existing": (report.on_existing, lambda r: r.number is not None),
    "pick_slot": (appointments.on_slot, lambda r: r.number is not None or r.keyword == "more"),
    "pick_repair": (tracking.on_pick, lambda r: r.number is not None),
    "confirm_cancel": (appointments.confirm_cancel, lambda r: r.keyword in ("yes", "no")),
}
# Keywords that mean the same in every state.
COMMANDS = {
    "help": lambda chat, r: chat.say("help", phone=chat.phone),
    "agent": lambda chat, r: tracking.call_back(chat),
    "status": lambda chat, r: tracking.status(chat, r.reference),
    "change": lambda chat, r: tracking.change(chat, r.reference),
    "cancel": lambda chat, r: tracking.cancel(chat, r.reference),
}


@dataclass(frozen=True)
class Turn:
    replies: tuple[str, ...]
    state: str
    person_id: int | None
    language: str


class Engine:
    def __init__(self, ctx: Context, settings: Settings) -> None:
        self.ctx = ctx
        self.settings = settings

    def turn(self, inbound: Inbound) -> Turn:
        """Answer one message."""
        session, now = self.ctx.session, self.ctx.now()
        conversation = state.load(session, inbound.channel, inbound.address)
        previous_turn = conversation.updated_at if conversation.expires_at else None
        expired = state.expire(conversation, now)
        # The flows change the data in place: work on a copy, written back at the end.
        conversation.data = copy.deepcopy(conversation.data or {})
        # Written first: the services' savepoints then sit inside a begun transaction
        # (pysqlite would otherwise commit a savepoint that opened one).
        state.touch(conversation, now, self.settings.idle_minutes)
        session.flush()
        tenants = tenants_for(session, inbound.address, local(now).date())
        if expired and len(tenants) > 1:
            conversation.person_id = None  # ask again which home, after a pause
        person = senders.person_for(conversation, tenants)
        reading = read(inbound.text, _known_words(self.ctx.rules))
        language = senders.language_for(person, tenants, inbound.text)
        speaker = Speaker(language, self.settings.translations)
        chat = Chat(self.ctx, self.settings, inbound, conversation, speaker, person)
        before = session.scalar(select(func.max(OutboundMessage.id))) or 0
        try:
            self._respond(chat, tenants, reading, expired, previous_turn)
        except ServiceError as error:
            # A refusal no flow expected: say why and start again rather than wait on a
            # question that can no longer be answered.
            chat.refused(error)
            chat.reset(**({"last": chat.data["last"]} if "last" in chat.data else {}))
        if not chat.replies:
            chat.say("describe")
        state.touch(conversation, now, self.settings.idle_minutes)
        conversation.person_id = chat.person.id if chat.person else None
        wrong = state.problems(conversation.state, conversation.data)
        if wrong:
            log.error("conversation left in a bad state", extra={"fields": {"problems": wrong}})
            chat.reset()
        if chat.person is not None:
            _quieten(chat, before)
        flag_modified(conversation, "data")
        session.flush()
        return Turn(
            tuple(chat.replies), conversation.state, conversation.person_id, chat.speaker.locale
        )

    def _respond(self, chat: Chat, tenants, reading: Reading, expired, previous_turn) -> None:
        if reading.keyword in ("stop", "start"):
            (optout.stop if reading.keyword == "stop" else optout.start)(chat)
            return
        if not tenants:
            senders.stranger(chat, reading)
            return
        if chat.person is None:
            senders.which_home(chat, tenants, reading)
            if chat.person is None:
                return
            reading = read(chat.data.get("pending", ""), _known_words(self.ctx.rules))
            chat.reset()
        if chat.person.opted_out_at is not None:
            if not outcomes.emergency_for_stranger(chat, reading.text):
                chat.say("opted_out", phone=chat.phone)
            return
        if senders.change_language(chat, reading):
            return
        if chat.inbound.media and photos.arrived(chat, reading):
            return
        if notices.answer(chat, reading, previous_turn):
            return
        self._dispatch(chat, reading, expired)

    def _dispatch(self, chat: Chat, reading: Reading, expired: str | None) -> None:
        current = chat.conversation.state
        handler, expects = ANSWERS.get(current, (None, None))
        if handler is not None and expects(reading):
            handler(chat, reading)
        elif reading.keyword in COMMANDS:
            COMMANDS[reading.keyword](chat, reading)
        elif reading.keyword == "new":
            chat.say("describe")
            chat.goto("describe")
        elif current == "report_question" and reading.text:
            report.on_question(chat, reading)
        elif current in ("report_check", "confirm_cancel"):
            chat.say("yes_or_no")
        elif current == "report_pick":
            report.on_pick(chat, reading)
        elif current in ANSWERS and not _describes_a_problem(chat, reading):
            handler(chat, reading)  # each list handler re-asks for a number
        elif reading.keyword in ("thanks", "yes"):
            chat.say("thanks")
        elif reading.number is not None or reading.keyword in ("more", "no") or not reading.text:
            chat.say("expired" if expired in state.LIST_STATES else "describe")
            chat.reset()
        else:
            report.begin(chat, reading.text)


@lru_cache(maxsize=4)
def _known_words(rules: RuleSet) -> frozenset[str]:
    """Words of the triage rules: a message of one of them is a description."""
    return frozenset(rules.vocabulary)


def _describes_a_problem(chat: Chat, reading: Reading) -> bool:
    """Words in the middle of a list that plainly describe a new problem."""
    if len(reading.text.split()) < 4:
        return False
    text = with_gloss(reading.text, chat.speaker.locale == "pl")
    outcome = chat.ctx.rules.classify(text)
    # Plainly: read by the rules, not a guess of the learnt ranker's (confidence 0).
    return outcome.problem is not None and outcome.confidence > 0


def _quieten(chat: Chat, before: int) -> None:
    """The reply already says what the services' notifications of this turn would say
    (reported, booked, moved, cancelled): send the tenant one message, not two."""
    queued = chat.ctx.session.scalars(
        select(OutboundMessage).where(
            OutboundMessage.id > before,
            OutboundMessage.person_id == chat.person.id,
            OutboundMessage.status == "queued",
        )
    )
    for message in queued:
        message.status, message.last_error = "cancelled", "said in the conversation"
