"""After a report: the reply for each kind of outcome, and times to choose when the
repair waits for an appointment."""

from __future__ import annotations

from bot.engine import outcomes, photos
from bot.engine.appointments import offer
from bot.engine.chat import Chat
from repairs.services import AddToRepair, Reported, add_to_repair


def after_report(chat: Chat, result: Reported) -> None:
    repair = result.repair
    chat.reset(last=repair.reference)
    if repair.priority == "emergency":
        outcomes.emergency(chat, result)
        return
    if repair.status == "reported":
        # "None of these": a person reads the words before anything is booked.
        chat.say("reported_for_review", reference=repair.reference)
        return
    chat.say(
        "reported",
        reference=repair.reference,
        problem=chat.problem_of(repair),
        target=chat.speaker.day(repair.target_at),
    )
    if repair.status == "awaiting_appointment":
        offer(chat, repair.reference, "book")


def add_to_existing(chat: Chat, reference: str, draft: dict) -> None:
    """The tenant's words (and photos) go on the open repair they already reported."""
    text = "\n\n".join([draft["text"], *draft["notes"]]).strip()
    added = chat.attempt(add_to_repair, AddToRepair(reference, text=text, answers=draft["answers"]))
    photos.attach(chat, reference)
    chat.reset(last=reference)
    repair = added.repair
    if not added.raised:
        chat.say("added", reference=reference)
    elif repair.priority == "emergency":
        appointment = added.dispatch.appointment if added.dispatch else None
        first = (
            chat.speaker.say("emergency_coming", reference=reference, arrival=appointment.starts_at)
            if appointment
            else chat.speaker.say("emergency_finding", reference=reference)
        )
        chat.add(chat.speaker.lines(first, [], chat.speaker.say("if_worse", phone=chat.phone)))
    else:
        chat.say("added_raised", reference=reference, target=chat.speaker.day(repair.target_at))
