"""Admin pages: the staff list, adding an account, and what an admin can do to one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.staff.actor import acting
from portal.staff.admin_forms import AddStaffForm, RoleForm
from portal.staff.blueprint import bp
from portal.staff.errors import show_on, text
from portal.staff.forms import ConfirmForm
from repairs.accounts import (
    AddStaff,
    add_staff,
    change_role,
    reset_password,
    reset_two_factor,
    set_active,
    set_two_factor_required,
)
from repairs.models import StaffAccountEvent, StaffUser
from repairs.models.base import utcnow
from repairs.services import ServiceError


@bp.get("/admin/staff")
def admin_staff():
    staff = db.session.scalars(select(StaffUser).order_by(StaffUser.name)).all()
    return render_template("staff/admin/list.html", staff=staff)


@bp.route("/admin/staff/new", methods=["GET", "POST"])
def admin_add():
    form = AddStaffForm()
    if form.validate_on_submit():
        request = AddStaff(
            form.name.data, form.email.data, form.role.data, form.two_factor_required.data
        )
        try:
            staff, password = add_staff(db.session, acting(), request, utcnow())
        except ServiceError as error:
            db.session.rollback()
            show_on(form, error)
        else:
            db.session.commit()
            return _temporary(staff, password, _("Account added"))
    return render_template("staff/admin/add.html", form=form)


def _temporary(staff: StaffUser, password: str, heading: str):
    # Shown in this response only; the holder must replace it at their first sign-in.
    return render_template(
        "staff/admin/temporary_password.html", member=staff, password=password, heading=heading
    )


def _member(staff_id: int) -> StaffUser:
    staff = db.session.get(StaffUser, staff_id)
    if staff is None:
        abort(404)
    return staff


@bp.get("/admin/staff/<int:staff_id>")
def admin_member(staff_id: int):
    member = _member(staff_id)
    events = db.session.scalars(
        select(StaffAccountEvent)
        .where(StaffAccountEvent.staff_id == member.id)
        .order_by(StaffAccountEvent.occurred_at.desc(), StaffAccountEvent.id.desc())
        .limit(50)
    ).all()
    return render_template(
        "staff/admin/member.html",
        member=member,
        events=events,
        form=ConfirmForm(),
        role_form=RoleForm(data={"role": member.role}),
        is_me=member.id == current_user.staff.id,
    )


ACTIONS = {
    "disable": lambda s, a, i, n: set_active(s, a, i, False, n),
    "enable": lambda s, a, i, n: set_active(s, a, i, True, n),
    "reset-two-factor": reset_two_factor,
    "require-two-factor": lambda s, a, i, n: set_two_factor_required(s, a, i, True, n),
    "drop-two-factor-requirement": lambda s, a, i, n: set_two_factor_required(s, a, i, False, n),
}


@bp.post("/admin/staff/<int:staff_id>/<action>")
def admin_action(staff_id: int, action: str):
    member = _member(staff_id)
    if action not in (*ACTIONS, "reset-password", "role"):
        abort(404)
    form = RoleForm() if action == "role" else ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if action == "reset-password":
            password = reset_password(db.session, acting(), member.id, utcnow())
        elif action == "role":
            change_role(db.session, acting(), member.id, form.role.data, utcnow())
        else:
            ACTIONS[action](db.session, acting(), member.id, utcnow())
    except ServiceError as error:
        db.session.rollback()
        flash(text(error.message), "error")
        return redirect(url_for("staff.admin_member", staff_id=member.id))
    db.session.commit()
    if action == "reset-password":
        return _temporary(member, password, _("Password reset"))
    flash(_("The account has been changed."), "success")
    return redirect(url_for("staff.admin_member", staff_id=member.id))
