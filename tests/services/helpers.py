"""Small steps the service tests share: report, then offer and book, each committed."""

from __future__ import annotations

import uuid

from repairs.services import Book, OfferSlots, ReportRepair, book, offer_slots, report_repair


def commit(ctx, operation, *args):
    """Run one operation as a request would: commit on success, roll back on refusal."""
    try:
        result = operation(ctx, *args)
    except Exception:
        ctx.session.rollback()
        raise
    ctx.session.commit()
    return result


def reported(ctx, actor, person, text="The kitchen tap is dripping all the time"):
    return commit(ctx, report_repair, actor, ReportRepair(person_id=person.id, description=text))


def key() -> str:
    return uuid.uuid4().hex


def booked(ctx, actor, repair, choice: int = 0):
    offer = commit(ctx, offer_slots, actor, OfferSlots(repair.reference))
    slot = offer.slots[choice]
    return commit(ctx, book, actor, Book(repair.reference, slot.id, key())), offer
