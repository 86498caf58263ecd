"""Cancelling an appointment or a whole repair (with a reason), and asking for a call
back, within the landlord's rules: the services refuse what the rules forbid, and the
refusal is shown by the form."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.tenant.blueprint import bp
from portal.tenant.booking_forms import CallbackForm, CancelForm
from portal.tenant.calls import actor, call, onto
from portal.tenant.repairs import active_appointment, may_change, repair_view
from repairs.services import (
    CancelAppointment,
    CancelRepair,
    RequestCallback,
    ServiceError,
    cancel_appointment,
    cancel_repair,
    request_callback,
)


@bp.route("/repairs/<reference>/appointment/cancel", methods=["GET", "POST"])
def cancel_appointment_page(reference: str):
    view = repair_view(reference)
    booked = active_appointment(view)
    if booked is None or not may_change(booked):
        return redirect(url_for("tenant.repair", reference=view.repair.reference))
    form = CancelForm()
    if form.validate_on_submit():
        try:
            call(cancel_appointment, CancelAppointment(view.repair.reference, form.reason_text()))
        except ServiceError as error:
            onto(form, error, "reason", {"reason": "details"})
        else:
            flash(_("Your appointment is cancelled. The repair is still open."), "success")
            return redirect(url_for("tenant.repair", reference=view.repair.reference))
    return render_template(
        "tenant/cancel.html", form=form, repair=view.repair, appointment=booked, whole=False
    )


@bp.route("/repairs/<reference>/cancel", methods=["GET", "POST"])
def cancel_repair_page(reference: str):
    view = repair_view(reference)
    booked = active_appointment(view)
    repair = view.repair
    if not repair.is_open or repair.status == "in_progress" or (booked and not may_change(booked)):
        return redirect(url_for("tenant.repair", reference=repair.reference))
    form = CancelForm()
    if form.validate_on_submit():
        try:
            call(cancel_repair, CancelRepair(repair.reference, form.reason_text()))
        except ServiceError as error:
            onto(form, error, "reason", {"reason": "details"})
        else:
            flash(_("Repair %(reference)s is cancelled.", reference=repair.reference), "success")
            return redirect(url_for("tenant.repair", reference=repair.reference))
    return render_template(
        "tenant/cancel.html", form=form, repair=repair, appointment=booked, whole=True
    )


@bp.route("/repairs/<reference>/call-me-back", methods=["GET", "POST"])
def call_me_back(reference: str):
    view = repair_view(reference)
    form = CallbackForm()
    if form.validate_on_submit():
        request = RequestCallback(
            person_id=actor().id, reference=view.repair.reference, note=form.note.data or ""
        )
        try:
            call(request_callback, request)
        except ServiceError as error:
            onto(form, error, "note")
        else:
            flash(
                _(
                    "We will call you back about repair %(reference)s.",
                    reference=view.repair.reference,
                ),
                "success",
            )
            return redirect(url_for("tenant.repair", reference=view.repair.reference))
    return render_template("tenant/call_me_back.html", form=form, repair=view.repair)
