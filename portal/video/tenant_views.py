"""The tenant's side: the texted link, the question about recording, the call itself,
and photos or a short video instead when the phone cannot do a video call.

Opening the link (GET) uses nothing up; answering (POST) uses it and binds the call to
this browser's session, so a reload still works here and nowhere else.
"""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from portal.extensions import db
from portal.video.blueprints import tenant_bp as bp
from portal.video.common import call_page_headers, problem, say, ticket_answer
from portal.video.forms import ConsentForm, UploadForm
from portal.wiring import services
from repairs.services import ServiceError
from repairs.services.errors import NOT_FOUND
from repairs.services.video import (
    JoinCall,
    UploadInstead,
    call_for,
    join_video_call,
    open_video_link,
    tenant_ticket,
    upload_instead,
)

SESSION_KEY = "video_call"


def _link_problem(error: ServiceError):
    status = 404 if error.code == NOT_FOUND else 410
    page = render_template("video/link_problem.html", message=say(error.message))
    return call_page_headers(current_app.make_response((page, status)))


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token: str):
    form = ConsentForm()
    try:
        video_call = open_video_link(services(), token)
    except ServiceError as error:
        return _link_problem(error)
    if form.validate_on_submit():
        try:
            join_video_call(services(), JoinCall(token, form.consent.data == "yes"))
        except ServiceError as error:
            db.session.rollback()
            return _link_problem(error)
        db.session.commit()
        session[SESSION_KEY] = video_call.public_id
        return redirect(url_for("video_tenant.call"))
    page = render_template(
        "video/consent.html",
        form=form,
        repair=video_call.repair,
        staff=video_call.started_by,
        days=current_app.config["VIDEO_RETENTION_DAYS"],
    )
    return call_page_headers(current_app.make_response((page, 400 if form.errors else 200)))


def _bound_call():
    call_id = session.get(SESSION_KEY)
    if not call_id:
        abort(404)
    try:
        return call_for(services(), call_id)
    except ServiceError:
        abort(404)


def _call_page(video_call, form: UploadForm, status: int = 200, sent: int = 0):
    page = render_template(
        "video/tenant_call.html",
        call=video_call,
        repair=video_call.repair,
        form=form,
        sent=sent,
        max_seconds=current_app.config["VIDEO_UPLOAD_MAX_SECONDS"],
        max_mb=current_app.config["VIDEO_UPLOAD_MAX_MB"],
        phone=current_app.config["LANDLORD_PHONE"],
    )
    return call_page_headers(current_app.make_response((page, status)))


@bp.get("/call")
def call():
    return _call_page(
        _bound_call(), UploadForm(formdata=None), sent=request.args.get("sent", 0, int)
    )


@bp.post("/call/ticket")
def ticket():
    video_call = _bound_call()
    try:
        token = tenant_ticket(services(), video_call.public_id)
    except ServiceError as error:
        return problem(error)
    return ticket_answer(token, f"tenant-{video_call.person_id}")


@bp.get("/call/status")
def status():
    video_call = _bound_call()
    return {"status": video_call.status, "end_reason": video_call.end_reason}


@bp.url_value_preprocessor
def _room_for_a_video(endpoint, _values) -> None:
    # Before any before_request (CSRF reads the form, and with it the body): only this
    # form may be larger than the app-wide limit, by as much as a short video needs.
    if endpoint == "video_tenant.upload":
        request.max_content_length = current_app.config["VIDEO_UPLOAD_MAX_MB"] * 1_048_576 + 65_536


@bp.post("/call/upload")
def upload():
    video_call = _bound_call()
    form = UploadForm()
    valid = form.validate_on_submit()
    files = [f for f in (form.files.data or []) if f and f.filename] if valid else []
    if valid and not files:
        form.files.errors.append(_("Select a photo or a video"))
    sent = 0
    for upload in files:
        try:
            upload_instead(services(), UploadInstead(video_call.public_id, upload.read()))
        except ServiceError as error:
            db.session.rollback()
            form.files.errors.append(say(next(iter(error.fields.values()), error.message)))
            return _call_page(video_call, form, 400)
        sent += 1
    if not sent:
        return _call_page(video_call, form, 400)
    db.session.commit()
    return redirect(url_for("video_tenant.call", sent=sent, _anchor="sent"))
