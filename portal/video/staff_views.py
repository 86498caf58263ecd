"""Staff: start a call on a repair, join it, take stills, record the outcome.

``GET /staff/video/repairs/<reference>`` is the page the staff repair page and the
video-triage queue link to.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from common.codes import Trade
from portal.extensions import db
from portal.templating import PRIORITY_LABELS
from portal.video.blueprints import staff_bp as bp
from portal.video.common import (
    CALL_STATUS_LABELS,
    call_page_headers,
    problem,
    say,
    staff_actor,
    ticket_answer,
)
from portal.video.forms import TRADE_LABELS, OutcomeForm
from portal.wiring import services
from repairs.models import Repair, WorkItem
from repairs.services import ServiceError
from repairs.services.photos import photo_path
from repairs.services.video import (
    AttachStill,
    SettleByVideo,
    StartVideoCall,
    attach_still,
    call_for,
    calls_on,
    cancel_video_call,
    media_path,
    settle_by_video,
    staff_ticket,
    start_video_call,
    video_suggested,
)


def _repair(reference: str) -> Repair:
    repair = db.session.scalar(
        select(Repair).where(Repair.reference == reference.strip().upper()[:12])
    )
    if repair is None:
        abort(404)
    return repair


def _call(call_id: str):
    try:
        return call_for(services(), call_id)
    except ServiceError:
        abort(404)


def _start_page(repair: Repair, error: str | None = None, status: int = 200):
    ctx = services()
    asked = db.session.scalar(
        select(WorkItem).where(
            WorkItem.repair_id == repair.id,
            WorkItem.kind == "video_triage",
            WorkItem.status.in_(("open", "assigned")),
        )
    )
    page = render_template(
        "video/start.html",
        repair=repair,
        problem_label=_problem_label(repair),
        suggested=video_suggested(ctx, repair),
        asked=asked,
        calls=calls_on(ctx, repair),
        error=error,
    )
    return page, status


def _problem_label(repair: Repair) -> str:
    if not repair.problem:
        return ""
    try:
        return _(services().rules.leaf(repair.problem).label)
    except KeyError:
        return repair.problem


@bp.get("/repairs/<reference>")
def start(reference: str):
    return _start_page(_repair(reference))


@bp.post("/repairs/<reference>/calls")
def send_link(reference: str):
    repair = _repair(reference)
    # The tenant's link is this address with the signed token in place of the "x".
    base = current_app.config["PUBLIC_BASE_URL"] + url_for("video_tenant.join", token="x")[:-1]  # noqa: S106
    try:
        invited = start_video_call(
            services(), staff_actor(), StartVideoCall(repair.reference, base)
        )
    except ServiceError as error:
        db.session.rollback()
        return _start_page(repair, say(error.message), 409 if error.code != "not_found" else 404)
    db.session.commit()
    flash(_("We have texted the tenant a link to the video call"), "video")
    return redirect(url_for("video_staff.call", call_id=invited.call.public_id))


@bp.get("/calls/<call_id>")
def call(call_id: str):
    video_call = _call(call_id)
    repair = video_call.repair
    form = OutcomeForm(
        problem=repair.problem or "",
        priority=repair.priority or "",
        trade=repair.trade or "",
        formdata=None,
    )
    _outcome_choices(form, repair)
    response = current_app.make_response(_call_page(video_call, form))
    return call_page_headers(response)


def _outcome_choices(form: OutcomeForm, repair: Repair) -> None:
    """The repair's own values come selected, so confirming is one click; where it has
    none yet (a repair no rule has triaged), staff must choose what they saw."""
    rules = services().rules
    leaves = sorted(
        (SelectChoice(leaf.id, _(leaf.label)) for leaf in rules.leaves),
        key=lambda choice: choice.label,
    )
    known = any(choice.value == repair.problem for choice in leaves)
    choose = [] if known else [SelectChoice("", _("Choose the problem you saw"))]
    form.problem.choices = choose + leaves
    priorities = [SelectChoice(code, label) for code, label in PRIORITY_LABELS.items()]
    choose = [] if repair.priority in PRIORITY_LABELS else [SelectChoice("", _("Choose"))]
    form.priority.choices = choose + priorities
    form.trade.choices = [SelectChoice("", _("The trade the problem needs"))] + [
        SelectChoice(trade.value, TRADE_LABELS[trade]) for trade in Trade
    ]


def _call_page(video_call, form: OutcomeForm):
    return render_template(
        "video/call.html",
        call=video_call,
        repair=video_call.repair,
        problem_label=_problem_label(video_call.repair),
        form=form,
        max_minutes=current_app.config["VIDEO_MAX_CALL_MINUTES"],
    )


@bp.post("/calls/<call_id>/ticket")
def ticket(call_id: str):
    try:
        token = staff_ticket(services(), staff_actor(), call_id)
    except ServiceError as error:
        return problem(error)
    return ticket_answer(token, f"staff-{staff_actor().id}")


@bp.get("/calls/<call_id>/status")
def status(call_id: str):
    video_call = _call(call_id)
    return {
        "status": video_call.status,
        "label": str(CALL_STATUS_LABELS[video_call.status]),
        "consent_to_record": video_call.consent_to_record,
        "end_reason": video_call.end_reason,
        "stills": len(video_call.stills or []),
        "link_expired": video_call.status == "invited"
        and services().now() >= video_call.link_expires_at,
    }


@bp.post("/calls/<call_id>/stills")
def still(call_id: str):
    try:
        key = attach_still(services(), staff_actor(), AttachStill(call_id, request.get_data()))
    except ServiceError as error:
        db.session.rollback()
        return problem(error)
    db.session.commit()
    return {"key": key, "url": url_for("video_staff.photo", call_id=call_id, key=key)}, 201


@bp.get("/calls/<call_id>/photos/<key>")
def photo(call_id: str, key: str):
    video_call = _call(call_id)
    if key not in (video_call.stills or []) + (video_call.uploads or []):
        abort(404)
    return send_file(photo_path(services(), key), mimetype="image/jpeg")


@bp.get("/calls/<call_id>/media/<path:key>")
def media(call_id: str, key: str):
    video_call = _call(call_id)
    keys = [video_call.recording_key, *(video_call.uploads or [])]
    if key not in keys or video_call.media_deleted_at is not None:
        abort(404)
    path = media_path(current_app.config["VIDEO_RECORDINGS_DIR"], key)
    if not path.exists():
        abort(404)
    kind = "video/webm" if key.endswith(".webm") else "video/mp4"
    return send_file(path, mimetype=kind, conditional=True)


@bp.post("/calls/<call_id>/outcome")
def outcome(call_id: str):
    video_call = _call(call_id)
    form = OutcomeForm()
    _outcome_choices(form, video_call.repair)
    if form.validate_on_submit():
        settle = SettleByVideo(
            call_id,
            form.reason.data,
            form.problem.data,
            form.priority.data,
            form.trade.data or None,
        )
        try:
            settle_by_video(services(), staff_actor(), settle)
        except ServiceError as error:
            db.session.rollback()
            for name, message in (error.fields or {"reason": error.message}).items():
                getattr(form, name, form.reason).errors.append(say(message))
        else:
            db.session.commit()
            flash(
                _(
                    "The outcome is recorded on repair %(reference)s",
                    reference=video_call.repair.reference,
                ),
                "video",
            )
            return redirect(url_for("video_staff.call", call_id=call_id))
    response = current_app.make_response((_call_page(video_call, form), 400))
    return call_page_headers(response)


@bp.post("/calls/<call_id>/cancel")
def cancel(call_id: str):
    try:
        cancel_video_call(services(), staff_actor(), call_id)
    except ServiceError as error:
        db.session.rollback()
        flash(say(error.message), "video")
    else:
        db.session.commit()
    return redirect(url_for("video_staff.call", call_id=call_id))
