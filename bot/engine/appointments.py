"""Choosing, moving and cancelling an appointment by text.

Up to five slots from ``offer_slots`` as a numbered list ("reply MORE for other
dates"); the tenant's number books it (or moves the booked one). Every booking carries
an idempotency key made from the provider's message id, so a message delivered twice
books once.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import date

from bot.engine.chat import Chat
from bot.engine.words import Reading
from common.calendar import local
from repairs.services import (
    Book,
    CancelAppointment,
    CancelRepair,
    OfferSlots,
    Rebook,
    RequestCallback,
    ServiceError,
    book,
    cancel_appointment,
    cancel_repair,
    offer_slots,
    rebook,
    request_callback,
)
from repairs.services.errors import INVALID, SLOT_GONE

SHOWN = 5
# Kept with a cancellation for staff reading the repair's history (never shown to tenants).
REASONS = {
    "sms": "Cancelled by the tenant by text message",
    "whatsapp": "Cancelled by the tenant on WhatsApp",
}


def offer(chat: Chat, reference: str, mode: str, *, after: date | None = None) -> None:
    """Offer times for ``reference`` (``mode`` "book" or "rebook"), after a day if given."""
    try:
        found = chat.attempt(offer_slots, OfferSlots(reference, after=after))
    except ServiceError as error:
        chat.refused(error)
        if after is None:
            chat.reset(last=reference)
        return
    # The core's best five, shown in date order: easier to read on a phone.
    slots = sorted(found.slots[:SHOWN], key=lambda s: s.starts_at)
    speaker = chat.speaker
    if not slots and after is not None:
        chat.say("no_more_times", last_day=speaker.day(found.last_day or after))
        return
    if not slots:
        _call_back(chat, reference)
        chat.say("no_times", reference=reference)
        chat.reset(last=reference)
        return
    items = [
        speaker.say(
            "slot",
            day=speaker.short_day(s.starts_at),
            start=speaker.clock(s.starts_at),
            end=speaker.clock(s.ends_at),
        )
        for s in slots
    ]
    head = speaker.say("other_times" if after else "choose_time", reference=reference)
    text, shown = speaker.numbered(head, items, speaker.say("reply_number_or_more"), minimum=3)
    chat.add(text)
    chat.goto(
        "pick_slot",
        repair=reference,
        mode=mode,
        slots=[[s.id, s.starts_at.isoformat()] for s in slots[:shown]],
        after=local(slots[shown - 1].starts_at).date().isoformat(),
    )


def on_slot(chat: Chat, reading: Reading) -> None:
    data = chat.data
    reference, mode, slots = data["repair"], data["mode"], data["slots"]
    if reading.keyword == "more":
        offer(chat, reference, mode, after=date.fromisoformat(data["after"]))
        return
    if reading.number is None or not 1 <= reading.number <= len(slots):
        chat.say("not_a_slot", last=len(slots))
        return
    slot_id, key = slots[reading.number - 1][0], booking_key(chat)
    try:
        if mode == "book":
            appointment = chat.attempt(book, Book(reference, slot_id, key))
        else:
            appointment = chat.attempt(rebook, Rebook(reference, slot_id, key))
    except ServiceError as error:
        chat.refused(error)
        if error.code in (SLOT_GONE, INVALID):
            offer(chat, reference, mode)  # a fresh list in place of the stale one
        else:
            chat.reset(last=reference)
        return
    speaker = chat.speaker
    chat.say(
        "booked" if mode == "book" else "rebooked",
        reference=reference,
        day=speaker.day(appointment.starts_at),
        start=speaker.clock(appointment.starts_at),
        end=speaker.clock(appointment.ends_at),
    )
    chat.reset(last=reference)


def booking_key(chat: Chat) -> str:
    message = chat.inbound.message_id
    return f"bot:{message}"[:80] if message else f"bot:{uuid.uuid4().hex}"


def _call_back(chat: Chat, reference: str) -> None:
    """Nothing to offer: put the tenant on the contact centre's list rather than leave
    the repair waiting on nobody."""
    note = "No appointment times could be offered by text"
    # If even that is refused, the reply still says we will call; staff see it waiting.
    with contextlib.suppress(ServiceError):
        chat.attempt(
            request_callback, RequestCallback(chat.person.id, reference=reference, note=note)
        )


def confirm_cancel(chat: Chat, reading: Reading) -> None:
    reference, what = chat.data["repair"], chat.data["what"]
    if reading.keyword == "no":
        chat.say("kept")
        chat.reset(last=reference)
        return
    if reading.keyword != "yes":
        chat.say("yes_or_no")
        return
    reason = REASONS.get(chat.inbound.channel, REASONS["sms"])
    chat.reset(last=reference)
    if what == "appointment":
        chat.attempt(cancel_appointment, CancelAppointment(reference, reason))
        chat.say("appointment_cancelled", reference=reference)
    else:
        chat.attempt(cancel_repair, CancelRepair(reference, reason))
        chat.say("repair_cancelled", reference=reference)
