"""What staff do to a repair while the tenant is in touch: book, change or cancel the
appointment, change the triage with a reason, ask for a video call.

Each view parses the form, calls one service operation as the signed-in member of staff
(with the channel the tenant used to reach them), commits after success and rolls back
on a refusal, which it shows by the field it concerns.
"""

from __future__ import annotations

import uuid
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

import repairs.services as ops
from portal.extensions import db
from portal.staff.action_forms import BookForm, CancelAppointmentForm, OverrideForm, VideoForm
from portal.staff.actor import STAFF_CHANNELS, acting
from portal.staff.blueprint import bp
from portal.staff.choices import options
from portal.staff.errors import show_on, text
from portal.staff.labels import WINDOW_LABELS
from portal.templating import PRIORITY_LABELS
from portal.wiring import services
from repairs.contact_centre.household import repair_view
from repairs.services import ServiceError
from repairs.services.errors import SLOT_GONE


def _view(reference: str):
    view = repair_view(db.session, reference)
    if view is None:
        abort(404)
    return view


def _back(reference: str):
    return redirect(url_for("staff.repair", reference=reference))


def _refused(error: ServiceError, reference: str):
    db.session.rollback()
    flash(text(error.message), "error")
    return _back(reference)


def _after(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _windows() -> frozenset[str]:
    return frozenset(w for w in request.args.getlist("windows") if w in WINDOW_LABELS)


@bp.route("/repairs/<reference>/appointment", methods=["GET", "POST"], endpoint="book")
def book_view(reference: str):
    """Offer times up to the repair's target; book one, or move the appointment to it."""
    view = _view(reference)
    repair = view.repair
    moving = view.active_appointment is not None
    form = BookForm()
    if form.validate_on_submit():
        operation, values = (ops.rebook, ops.Rebook) if moving else (ops.book, ops.Book)
        request_ = values(repair.reference, form.slot.data, form.idempotency_key.data or "")
        try:
            appointment = operation(services(), acting(form.channel.data), request_)
        except ServiceError as error:
            db.session.rollback()
            if error.code != SLOT_GONE and not error.fields:
                return _refused(error, repair.reference)
            show_on(form, error if error.fields else _on_slot(error))
        else:
            db.session.commit()
            flash(
                _(
                    "Booked for %(day)s, %(window)s. The tenant has been sent the details.",
                    day=format_date(appointment.starts_at, "EEEE d MMMM"),
                    window=str(WINDOW_LABELS.get(appointment.window, appointment.window)),
                ),
                "success",
            )
            return _back(repair.reference)
    after = _after(request.args.get("after"))
    try:
        offer = ops.offer_slots(
            services(),
            acting(),
            ops.OfferSlots(repair.reference, preferred_windows=_windows(), after=after),
        )
    except ServiceError as error:
        return _refused(error, repair.reference)
    form.slot.choices = options((s.id, s.id) for s in offer.slots)
    if request.method == "GET" and request.args.get("channel") in STAFF_CHANNELS:
        # Straight from reporting: the channel the agent already chose.
        form.channel.data = request.args["channel"]
    if not form.idempotency_key.data:
        form.idempotency_key.data = uuid.uuid4().hex
    return render_template(
        "staff/book.html",
        view=view,
        repair=repair,
        form=form,
        offer=offer,
        moving=moving,
        after=after,
        windows=_windows(),
    )


def _on_slot(error: ServiceError) -> ServiceError:
    return ServiceError(error.code, error.message, {"slot": error.message})


@bp.route(
    "/repairs/<reference>/appointment/cancel",
    methods=["GET", "POST"],
    endpoint="cancel_appointment",
)
def cancel_appointment_view(reference: str):
    view = _view(reference)
    if view.active_appointment is None:
        flash(_("This repair has no appointment to cancel"), "error")
        return _back(view.repair.reference)
    form = CancelAppointmentForm()
    if form.validate_on_submit():
        request_ = ops.CancelAppointment(view.repair.reference, form.reason.data)
        try:
            ops.cancel_appointment(services(), acting(form.channel.data), request_)
        except ServiceError as error:
            db.session.rollback()
            if not error.fields:
                return _refused(error, view.repair.reference)
            show_on(form, error)
        else:
            db.session.commit()
            flash(_("The appointment has been cancelled and the tenant told."), "success")
            return _back(view.repair.reference)
    return render_template(
        "staff/cancel_appointment.html", view=view, repair=view.repair, form=form
    )


@bp.route("/repairs/<reference>/triage", methods=["GET", "POST"], endpoint="override_triage")
def override_triage_view(reference: str):
    """A person's triage: only with a reason, old and new kept in the audit trail."""
    view = _view(reference)
    rules = services().rules
    form = OverrideForm()
    leaves = sorted(((leaf.id, _(leaf.label)) for leaf in rules.leaves), key=lambda c: c[1])
    form.problem.choices = options([("", _("Keep as it is")), *leaves])
    form.priority.choices = options([("", _("Keep as it is")), *PRIORITY_LABELS.items()])
    if request.method == "GET":
        form.priority.data = ""
    if form.validate_on_submit():
        change = ops.OverrideTriage(
            view.repair.reference,
            form.reason.data,
            problem=form.problem.data or None,
            priority=form.priority.data or None,
            hazard=form.hazard.data or None,
            trade=form.trade.data or None,
        )
        try:
            ops.override_triage(services(), acting(form.channel.data), change)
        except ServiceError as error:
            db.session.rollback()
            if not error.fields:
                return _refused(error, view.repair.reference)
            show_on(form, error)
        else:
            db.session.commit()
            flash(_("The triage has been changed."), "success")
            return _back(view.repair.reference)
    return render_template("staff/override.html", view=view, repair=view.repair, form=form)


@bp.route("/repairs/<reference>/video", methods=["GET", "POST"], endpoint="request_video")
def request_video_view(reference: str):
    view = _view(reference)
    form = VideoForm()
    if form.validate_on_submit():
        request_ = ops.RequestVideoTriage(view.repair.reference, form.note.data or "")
        try:
            ops.request_video_triage(services(), acting(form.channel.data), request_)
        except ServiceError as error:
            db.session.rollback()
            if not error.fields:
                return _refused(error, view.repair.reference)
            show_on(form, error)
        else:
            db.session.commit()
            flash(_("A video call has been asked for: it is on the video call queue."), "success")
            return _back(view.repair.reference)
    return render_template("staff/video.html", view=view, repair=view.repair, form=form)
