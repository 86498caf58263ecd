"""Who is texting, before anything else: a tenant, one of several tenants sharing the
number (asked which home), or a number nobody has given us; and in which language."""

from __future__ import annotations

from bot.engine import outcomes
from bot.engine.chat import Chat
from bot.engine.people import Tenant, number_opted_out
from bot.engine.speech import LANGUAGES, Speaker
from bot.engine.words import Reading, looks_polish
from repairs.models import Conversation, Person


def person_for(conversation: Conversation, tenants: list[Tenant]) -> Person | None:
    if len(tenants) == 1:
        return tenants[0].person
    return next((t.person for t in tenants if t.person.id == conversation.person_id), None)


def language_for(person: Person | None, tenants: list[Tenant], text: str) -> str:
    chosen = person or (tenants[0].person if tenants else None)
    if chosen is not None:
        return chosen.preferred_language if chosen.preferred_language in LANGUAGES else "en"
    return "pl" if looks_polish(text) else "en"


def stranger(chat: Chat, reading: Reading) -> None:
    """A number no current tenant has given us."""
    chat.reset()
    if number_opted_out(chat.ctx.session, chat.inbound.address):
        if not outcomes.emergency_for_stranger(chat, reading.text):
            chat.say("opted_out", phone=chat.phone)
    elif not outcomes.emergency_for_stranger(chat, reading.text):
        chat.say("unknown_number", phone=chat.phone)


def which_home(chat: Chat, tenants: list[Tenant], reading: Reading) -> None:
    """One number, several tenancies: ask which home before anything else."""
    homes = chat.data.get("homes") if chat.conversation.state == "pick_home" else None
    if homes and reading.number is not None and 1 <= reading.number <= len(homes):
        chosen = homes[reading.number - 1]
        chat.person = next((t.person for t in tenants if t.person.id == chosen), None)
        if chat.person is not None:
            return
    pending = chat.data.get("pending", "") if homes else reading.text
    items = [f"{t.home.address_line_1}, {t.home.postcode}" for t in tenants]
    text, shown = chat.speaker.numbered(
        chat.speaker.say("choose_home"), items, chat.speaker.say("reply_number")
    )
    chat.add(text)
    chat.goto("pick_home", homes=[t.person.id for t in tenants[:shown]], pending=pending)


def change_language(chat: Chat, reading: Reading) -> bool:
    if reading.keyword not in ("english", "polish"):
        return False
    chat.person.preferred_language = "en" if reading.keyword == "english" else "pl"
    chat.speaker = Speaker(chat.person.preferred_language, chat.settings.translations)
    chat.say(reading.keyword)
    return True
