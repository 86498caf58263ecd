"""The queues: what waits for a person, filtered and sorted; taking an item assigns it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.staff.actor import acting
from portal.staff.blueprint import bp
from portal.staff.errors import show_on, text
from portal.staff.forms import ConfirmForm
from portal.staff.labels import TRADE_LABELS
from portal.staff.queue_forms import FinishForm
from portal.templating import PRIORITY_LABELS
from portal.wiring import services
from repairs.contact_centre import queues as q
from repairs.models import WorkItem
from repairs.models.base import utcnow
from repairs.services import FinishWork, ServiceError, TakeWork, finish_work, take_work


def _filters() -> q.Filters:
    args = request.args
    page = args.get("page", "1")
    return q.Filters(
        patch=args.get("patch", "")[:40],
        priority=args.get("priority", "") if args.get("priority") in PRIORITY_LABELS else "",
        trade=args.get("trade", "") if args.get("trade") in TRADE_LABELS else "",
        sort=args.get("sort", "due") if args.get("sort") in q.SORTS else "due",
        page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
    )


@bp.get("/queues")
def queues():
    return render_template("staff/queues.html", counts=q.counts(db.session, utcnow()))


@bp.get("/queues/<kind>")
def queue(kind: str):
    if kind not in q.QUEUES:
        abort(404)
    filters = _filters()
    page = q.queue(db.session, kind, filters, utcnow())
    return render_template(
        "staff/queue.html",
        kind=kind,
        page=page,
        filters=filters,
        patches=[(p, p) for p in q.patches(db.session)],
        form=ConfirmForm(),
        me=current_user.staff.id,
        now=utcnow(),
    )


@bp.post("/queues/<kind>/take")
def take(kind: str):
    if kind not in q.QUEUES or not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        item = take_work(services(), acting(), TakeWork(kind, request.form.get("key", "")))
    except ServiceError as error:
        db.session.rollback()
        flash(text(error.message), "error")
        return redirect(url_for("staff.queue", kind=kind))
    db.session.commit()
    flash(_("You have taken this item. Mark it as done when you have dealt with it."), "success")
    if item.repair is not None:
        return redirect(url_for("staff.repair", reference=item.repair.reference))
    return redirect(url_for("staff.finish", item_id=item.id))


@bp.route("/work/<int:item_id>/done", methods=["GET", "POST"])
def finish(item_id: int):
    item = db.session.get(WorkItem, item_id)
    if item is None:
        abort(404)
    form = FinishForm()
    if form.validate_on_submit():
        try:
            finish_work(services(), acting(), FinishWork(item.id, form.outcome.data))
        except ServiceError as error:
            db.session.rollback()
            if not error.fields:
                flash(text(error.message), "error")
                return redirect(url_for("staff.queue", kind=item.kind))
            show_on(form, error)
        else:
            db.session.commit()
            flash(_("Done. The outcome is kept with the repair."), "success")
            return redirect(url_for("staff.queue", kind=item.kind))
    return render_template("staff/finish.html", item=item, form=form)
