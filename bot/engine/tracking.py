"""Following repairs by text: STATUS, CHANGE, CANCEL, AGENT, and choosing which repair.

A tenant sees only their household's repairs (``people.household_repairs``, and the
services check again); a repair named by reference goes straight to the service, which
answers "not found" for anything the tenant may not see.
"""

from __future__ import annotations

import phonenumbers

from bot.engine import appointments
from bot.engine.chat import Chat
from bot.engine.people import booked_appointments, household_repairs
from bot.engine.segments import fits
from bot.engine.speech import shorten
from bot.engine.words import Reading
from repairs.models import Repair
from repairs.services import RequestCallback, request_callback
from repairs.services.access import household_of, repair_for

CHANGEABLE = frozenset(
    {"booked", "triaged", "awaiting_appointment", "no_access", "follow_on_needed", "on_hold"}
)
CANCELLABLE = CHANGEABLE | {"reported", "dispatched"}
# A list of repairs to choose from: the most recent few, each problem in a few words.
CHOICES = 6
PROBLEM_WIDTH = 32


def _repairs(chat: Chat, statuses) -> list[Repair]:
    household = household_of(chat.ctx.session, chat.person.id, chat.today)
    return household_repairs(chat.ctx.session, household, statuses) if household else []


def status(chat: Chat, reference: str | None = None) -> None:
    """The household's open repairs (or the one named), as many as fit in a reply."""
    chat.reset()
    if reference:
        repairs = [repair_for(chat.ctx, chat.actor, reference)]
    else:
        repairs = _repairs(chat, CANCELLABLE | {"in_progress"})
    if not repairs:
        chat.say("no_open_repairs")
        return
    booked = booked_appointments(chat.ctx.session, repairs)
    url = chat.settings.public_url + "/repairs"
    lines = [chat.speaker.say("your_repairs")]
    for n, repair in enumerate(repairs):
        line = _line(chat, repair, booked.get(repair.id), "status_line")
        rest = len(repairs) - n - 1
        more = [chat.speaker.say("not_shown", count=rest, url=url)] if rest else []
        if not fits("\n".join([*lines, line, *more])):
            lines.append(chat.speaker.say("not_shown", count=rest + 1, url=url))
            break
        lines.append(line)
    chat.add("\n".join(lines))


def _line(chat: Chat, repair: Repair, appointment, name: str) -> str:
    problem = shorten(chat.problem_of(repair), PROBLEM_WIDTH)
    params = {"reference": repair.reference, "problem": problem}
    if name == "status_line":
        params["status"] = chat.speaker.status(repair.status)
    if appointment is not None and appointment.window != "emergency":
        when = appointment.starts_at
        day = f"{chat.speaker.short_day(when)} {chat.speaker.clock(when)}"
        return chat.speaker.say(f"{name}_on", day=day, **params)
    return chat.speaker.say(name, **params)


def change(chat: Chat, reference: str | None = None) -> None:
    if reference:
        start_change(chat, reference)
        return
    repairs = [r for r in _repairs(chat, CHANGEABLE) if r.priority != "emergency"]
    if not repairs:
        chat.reset()
        chat.say("nothing_to_change")
    elif len(repairs) == 1:
        start_change(chat, repairs[0].reference)
    else:
        _pick(chat, "change", repairs)


def start_change(chat: Chat, reference: str) -> None:
    repair = repair_for(chat.ctx, chat.actor, reference)
    booked = booked_appointments(chat.ctx.session, [repair]).get(repair.id)
    appointments.offer(chat, repair.reference, "rebook" if booked else "book")


def cancel(chat: Chat, reference: str | None = None) -> None:
    if reference:
        ask_cancel(chat, reference)
        return
    repairs = _repairs(chat, CANCELLABLE)
    if not repairs:
        chat.reset()
        chat.say("nothing_to_cancel")
    elif len(repairs) == 1:
        ask_cancel(chat, repairs[0].reference)
    else:
        _pick(chat, "cancel", repairs)


def ask_cancel(chat: Chat, reference: str) -> None:
    repair = repair_for(chat.ctx, chat.actor, reference)
    booked = booked_appointments(chat.ctx.session, [repair]).get(repair.id)
    problem = chat.problem_of(repair)
    if booked is not None and booked.window != "emergency":
        day = chat.speaker.day(booked.starts_at)
        chat.say("confirm_cancel_appointment", reference=repair.reference, problem=problem, day=day)
        chat.goto("confirm_cancel", repair=repair.reference, what="appointment")
    else:
        chat.say("confirm_cancel_repair", reference=repair.reference, problem=problem)
        chat.goto("confirm_cancel", repair=repair.reference, what="repair")


def _pick(chat: Chat, action: str, repairs: list[Repair]) -> None:
    repairs = repairs[:CHOICES]
    booked = booked_appointments(chat.ctx.session, repairs)
    items = [_line(chat, r, booked.get(r.id), "repair_line") for r in repairs]
    speaker = chat.speaker
    text, shown = speaker.numbered(
        speaker.say("which_repair"), items, speaker.say("reply_number"), minimum=2
    )
    chat.add(text)
    chat.goto("pick_repair", action=action, repairs=[r.reference for r in repairs[:shown]])


def on_pick(chat: Chat, reading: Reading) -> None:
    refs = chat.data["repairs"]
    if reading.number is None or not 1 <= reading.number <= len(refs):
        chat.say("not_a_choice", last=len(refs))
        return
    reference = refs[reading.number - 1]
    if chat.data["action"] == "change":
        start_change(chat, reference)
    else:
        ask_cancel(chat, reference)


def call_back(chat: Chat) -> None:
    """AGENT: the contact centre calls the tenant back (about the repair in hand, if any)."""
    reference = chat.data.get("repair") or chat.data.get("last")
    note = "Asked for a call back by text message"
    chat.attempt(request_callback, RequestCallback(chat.person.id, reference=reference, note=note))
    chat.reset()
    number = phonenumbers.parse(chat.person.mobile or chat.inbound.address, "GB")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    chat.say("callback", number=national, phone=chat.phone)
