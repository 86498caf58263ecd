"""Booking and changing an appointment: preferences, then slots grouped by day, then a
confirmation with a calendar file. "None of these suit me" asks for later dates, and
when there are none, offers a call back."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _

from common.calendar import local
from portal.extensions import db
from portal.tenant.blueprint import bp
from portal.tenant.booking_forms import DAYS, WINDOW_LABELS, PreferencesForm, SlotForm
from portal.tenant.calls import actor, call, onto, say
from portal.tenant.ics import calendar_file
from portal.tenant.presenting import problem_label, repair_place
from portal.tenant.repairs import active_appointment, may_book, may_change, repair_view
from portal.wiring import services
from repairs.services import (
    Book,
    Offer,
    OfferSlots,
    Rebook,
    ServiceError,
    book,
    offer_slots,
    rebook,
)
from scheduling import Slot


def _days() -> list[tuple[str, str]]:
    weekends = current_app.config.get("SCHEDULING_WORK_WEEKENDS")
    return [(v, str(label)) for v, label in DAYS if weekends or int(v) < 5]


def _windows() -> list[tuple[str, str]]:
    names = services().policy.windows
    return [(n, str(WINDOW_LABELS.get(n, n.replace("_", " ").capitalize()))) for n in names]


def _for_booking(reference: str):
    """The repair and its appointment, and whether the tenant may book or move it now."""
    view = repair_view(reference)
    appointment = active_appointment(view)
    allowed = may_change(appointment) if appointment is not None else may_book(view.repair, None)
    return view, appointment, allowed


@bp.route("/repairs/<reference>/book", methods=["GET", "POST"])
def book_preferences(reference: str):
    view, appointment, allowed = _for_booking(reference)
    if not allowed:
        return redirect(url_for("tenant.repair", reference=view.repair.reference))
    form = PreferencesForm()
    form.days.choices, form.windows.choices = _days(), _windows()
    if form.validate_on_submit():
        return redirect(
            url_for(
                "tenant.book_times",
                reference=view.repair.reference,
                day=form.days.data or None,
                window=form.windows.data or None,
            )
        )
    return render_template(
        "tenant/booking/preferences.html", form=form, repair=view.repair, moving=appointment
    )


def _preferences() -> tuple[frozenset[int], frozenset[str], date | None]:
    """The preferences in the address; a value that is not one of ours is ignored."""
    days = frozenset(int(d) for d in request.args.getlist("day") if d in dict(_days()))
    windows = frozenset(w for w in request.args.getlist("window") if w in dict(_windows()))
    try:
        after = date.fromisoformat(request.args.get("after", ""))
    except ValueError:
        after = None
    return days, windows, after


@bp.app_template_global()
def slot_label(slot: Slot) -> str:
    window = WINDOW_LABELS.get(slot.window, slot.window)
    return _(
        "%(window)s, %(start)s to %(end)s",
        window=window,
        start=format_time(slot.starts_at, "HH:mm"),
        end=format_time(slot.ends_at, "HH:mm"),
    )


def by_day(slots: Iterable[Slot]) -> list[tuple[date, list[Slot]]]:
    days: dict[date, list[Slot]] = {}
    for slot in sorted(slots, key=lambda s: s.starts_at):
        days.setdefault(local(slot.starts_at).date(), []).append(slot)
    return list(days.items())


@bp.route("/repairs/<reference>/book/times", methods=["GET", "POST"])
def book_times(reference: str):
    view, appointment, allowed = _for_booking(reference)
    if not allowed:
        return redirect(url_for("tenant.repair", reference=view.repair.reference))
    days, windows, after = _preferences()
    target = local(view.repair.target_at).date() if view.repair.target_at else None
    if after is not None and target is not None and after >= target:
        offer = Offer(view.repair, [], target)  # nothing exists after the target day
    else:
        try:
            wanted = OfferSlots(view.repair.reference, days, windows, after)
            offer = offer_slots(services(), actor(), wanted)
        except ServiceError as error:
            db.session.rollback()
            return render_template(
                "tenant/booking/unavailable.html", repair=view.repair, message=say(error.message)
            )
    form = SlotForm()
    form.slot.choices = [(s.id, slot_label(s)) for s in offer.slots]
    posted = request.form.get("slot", "")
    ours = posted.isascii() and posted.isprintable() and len(posted) <= 300
    if posted and ours and posted not in dict(form.slot.choices):
        form.slot.choices.append((posted, ""))  # gone since: the service says so by the field
    if form.validate_on_submit():
        reference = view.repair.reference
        try:
            if appointment is None:
                call(book, Book(reference, form.slot.data, form.key.data))
            else:
                call(rebook, Rebook(reference, form.slot.data, form.key.data))
        except ServiceError as error:
            onto(form, error, "slot")
        else:
            return redirect(url_for("tenant.appointment", reference=reference))
    form.key.data = uuid.uuid4().hex
    later = max((local(s.starts_at).date() for s in offer.slots), default=None)
    return render_template(
        "tenant/booking/times.html",
        form=form,
        repair=view.repair,
        moving=appointment,
        days=by_day(offer.slots),
        last_day=offer.last_day,
        later_url=url_for(
            "tenant.book_times",
            reference=view.repair.reference,
            day=sorted(days) or None,
            window=sorted(windows) or None,
            after=later.isoformat() if later else None,
        ),
        after=after,
    )


@bp.get("/repairs/<reference>/appointment")
def appointment(reference: str):
    view = repair_view(reference)
    booked = active_appointment(view)
    if booked is None:
        return redirect(url_for("tenant.repair", reference=view.repair.reference))
    return render_template(
        "tenant/booking/confirmed.html",
        repair=view.repair,
        appointment=booked,
        can_change=may_change(booked),
    )


@bp.get("/repairs/<reference>/appointment.ics")
def appointment_calendar(reference: str):
    view = repair_view(reference)
    booked = active_appointment(view)
    if booked is None:
        abort(404)
    repair = view.repair
    landlord = current_app.config["LANDLORD_NAME"]
    body = calendar_file(
        uid=f"{booked.booking_reference or booked.id}@{request.host}",
        starts=booked.starts_at,
        ends=booked.ends_at,
        summary=_(
            "%(landlord)s repair %(reference)s", landlord=landlord, reference=repair.reference
        ),
        place=repair_place(repair),
        details=_(
            "%(problem)s. The operative arrives between %(start)s and %(end)s.",
            problem=problem_label(repair),
            start=format_time(booked.starts_at, "HH:mm"),
            end=format_time(booked.ends_at, "HH:mm"),
        ),
    )
    name = f"repair-{repair.reference}.ics"
    return (
        body,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )
