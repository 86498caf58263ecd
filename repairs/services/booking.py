"""Offering, booking, moving and cancelling appointments.

The repair's ``Appointment`` and the scheduling core's booking are one promise seen from
two sides: every operation here changes both in the caller's transaction (the embedded
core joins it; a remote core is made safe to retry by the idempotency key).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from common.calendar import local
from common.i18n import N_
from repairs.audit import Actor, record
from repairs.lifecycle import transition
from repairs.models import Appointment, Repair
from repairs.services import notify
from repairs.services.access import repair_for
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, NOT_ALLOWED_NOW, ServiceError
from repairs.services.inputs import checked_reason
from repairs.services.jobs import job_for
from repairs.services.operation import idempotency_key, operation
from scheduling import Booking, Slot, SlotUnavailable
from scheduling.slots import decode

# An emergency's appointment: dispatched on shift, or a call-out by an on-call operative.
EMERGENCY_WINDOWS = ("emergency", "on_call")
BOOKABLE = ("triaged", "awaiting_appointment", "no_access", "follow_on_needed", "on_hold")


@dataclass(frozen=True)
class OfferSlots:
    reference: str
    preferred_days: frozenset[int] = frozenset()
    preferred_windows: frozenset[str] = frozenset()
    # Only days after this one: "none of these suit me" asks for later dates.
    after: date | None = None


@dataclass(frozen=True)
class Offer:
    repair: Repair
    slots: list[Slot]
    # The last day we may offer: the repair's target. Nothing later exists.
    last_day: date | None


@operation
def offer_slots(ctx: Context, actor: Actor, request: OfferSlots) -> Offer:
    """Windows a qualified operative can reach before the repair's target."""
    repair = repair_for(ctx, actor, request.reference)
    _check_bookable(repair, moving=True)
    if (current := active_appointment(ctx, repair)) is not None:
        check_change_allowed(ctx, actor, current)
    if any(not 0 <= d <= 6 for d in request.preferred_days):
        raise ServiceError.invalid({"preferred_days": N_("Choose days of the week")})
    if not set(request.preferred_windows) <= set(ctx.policy.windows):
        raise ServiceError.invalid({"preferred_windows": N_("Choose times of day from the list")})
    job = job_for(
        repair,
        after=request.after,
        preferred_days=frozenset(request.preferred_days),
        preferred_windows=frozenset(request.preferred_windows),
    )
    slots = ctx.core.offer_slots(job, limit=ctx.policy.offer_limit)
    return Offer(repair, slots, job.latest)


@dataclass(frozen=True)
class Book:
    reference: str
    slot_id: str
    idempotency_key: str


@operation
def book(ctx: Context, actor: Actor, request: Book) -> Appointment:
    """Take an offered slot. The same idempotency key always answers with the same
    appointment, so a double submit books once."""
    key = idempotency_key(request.idempotency_key)
    if (done := _by_key(ctx, key)) is not None:
        return done
    repair = repair_for(ctx, actor, request.reference)
    _check_bookable(repair, moving=False)
    _check_slot_fits(repair, request.slot_id)
    booking = ctx.core.book(request.slot_id, repair.reference, key)
    appointment = keep_promise(ctx, actor, repair, booking, key)
    transition(
        ctx.session,
        repair,
        "booked",
        actor,
        kind="booked",
        changes=_when(None, appointment),
        at=ctx.now(),
    )
    notify.tenant(ctx, repair, "appointment_booked", appointment)
    return appointment


@dataclass(frozen=True)
class Rebook:
    reference: str
    slot_id: str
    idempotency_key: str


@operation
def rebook(ctx: Context, actor: Actor, request: Rebook) -> Appointment:
    """Move the repair's appointment: the new place is taken and the old released together."""
    key = idempotency_key(request.idempotency_key)
    if (done := _by_key(ctx, key)) is not None:
        return done
    repair = repair_for(ctx, actor, request.reference)
    old = active_appointment(ctx, repair)
    if old is None or old.window in EMERGENCY_WINDOWS:
        raise ServiceError(CONFLICT, N_("This repair has no appointment to change"))
    check_change_allowed(ctx, actor, old)
    _check_slot_fits(repair, request.slot_id)
    booking = ctx.core.rebook(old.booking_reference, request.slot_id, key)
    old.status, old.cancelled_at = "rebooked", ctx.now()
    appointment = keep_promise(ctx, actor, repair, booking, key)
    record(ctx.session, repair, "rebooked", actor, changes=_when(old, appointment), at=ctx.now())
    notify.tenant(ctx, repair, "appointment_changed", appointment)
    return appointment


@dataclass(frozen=True)
class CancelAppointment:
    reference: str
    reason: str


@operation
def cancel_appointment(ctx: Context, actor: Actor, request: CancelAppointment) -> Appointment:
    """Cancel the appointment but keep the repair open, awaiting a new one."""
    reason = checked_reason(ctx, request.reason)
    repair = repair_for(ctx, actor, request.reference)
    appointment = active_appointment(ctx, repair)
    if appointment is None or appointment.window in EMERGENCY_WINDOWS:
        raise ServiceError(CONFLICT, N_("This repair has no appointment to cancel"))
    check_change_allowed(ctx, actor, appointment)
    release(ctx, appointment, reason)
    transition(
        ctx.session,
        repair,
        "awaiting_appointment",
        actor,
        kind="appointment_cancelled",
        changes=_when(appointment, None),
        note=reason,
        at=ctx.now(),
    )
    notify.tenant(ctx, repair, "appointment_cancelled", appointment)
    return appointment


def release(ctx: Context, appointment: Appointment, reason: str) -> None:
    """Give the appointment's place back to the scheduling core."""
    if appointment.booking_reference:
        ctx.core.cancel(appointment.booking_reference)
    appointment.status = "cancelled"
    appointment.cancelled_at = ctx.now()
    appointment.cancellation_reason = reason[:200]


def active_appointment(ctx: Context, repair: Repair) -> Appointment | None:
    return ctx.session.scalar(
        select(Appointment)
        .where(Appointment.repair_id == repair.id, Appointment.status == "booked")
        .order_by(Appointment.id.desc())
    )


def check_change_allowed(ctx: Context, actor: Actor, appointment: Appointment) -> None:
    """The landlord's rule: tenants cannot change an appointment on its own day."""
    if actor.is_staff or not ctx.policy.no_changes_on_the_day:
        return
    if local(appointment.starts_at).date() <= local(ctx.now()).date():
        raise ServiceError(
            NOT_ALLOWED_NOW,
            N_(
                "Appointments cannot be changed on the day. Call us on %(phone)s.",
                phone=ctx.policy.landlord_phone,
            ),
        )


def _check_bookable(repair: Repair, *, moving: bool) -> None:
    if repair.priority == "emergency":
        raise ServiceError(
            CONFLICT, N_("We send someone to emergencies: there is no time to choose")
        )
    allowed = BOOKABLE + (("booked",) if moving else ())
    if repair.status not in allowed:
        if repair.status == "booked":
            raise ServiceError(CONFLICT, N_("This repair is already booked. Change it instead."))
        raise ServiceError(
            CONFLICT, N_("Repair %(reference)s cannot be booked now", reference=repair.reference)
        )


def _check_slot_fits(repair: Repair, slot_id: str) -> None:
    """A slot of ours names the job it was offered for: refuse one offered for another
    job (another trade, length or place), which would plan the wrong work."""
    try:
        key = decode(slot_id)
    except SlotUnavailable:
        return  # not one of ours to read: the core that issued it checks it
    job = job_for(repair)
    if (
        key.trade != job.trade
        or key.duration != job.duration_minutes
        or abs(key.latitude - (job.latitude or 0)) > 1e-5
        or abs(key.longitude - (job.longitude or 0)) > 1e-5
    ):
        raise ServiceError.invalid({"slot": N_("Choose one of the times offered")})


def _by_key(ctx: Context, key: str) -> Appointment | None:
    return ctx.session.scalar(select(Appointment).where(Appointment.idempotency_key == key))


def keep_promise(ctx, actor, repair, booking: Booking, key: str) -> Appointment:
    """The repair's side of a booking the core has just made: the same operative, window
    and times, and the booking's reference to tie the two together."""
    starts, ends = booking.slot.starts_at, booking.slot.ends_at
    if booking.promised_arrival is not None:
        # An emergency: the promise is the arrival time itself, not a window.
        starts = ends = booking.promised_arrival
    appointment = Appointment(
        repair_id=repair.id,
        operative_id=booking.slot.operative_id,
        window=booking.slot.window,
        starts_at=starts,
        ends_at=ends,
        status="booked",
        idempotency_key=key,
        booking_reference=booking.reference,
        channel=actor.channel,
        booked_at=ctx.now(),
    )
    ctx.session.add(appointment)
    ctx.session.flush()
    return appointment


def _when(before: Appointment | None, after: Appointment | None) -> dict[str, tuple]:
    return {
        "appointment": (
            before.starts_at if before else None,
            after.starts_at if after else None,
        ),
        "window": (before.window if before else None, after.window if after else None),
    }
