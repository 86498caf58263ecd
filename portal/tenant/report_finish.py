"""Report a repair, second half: photos, "Check your answers", and what comes back: the
reference and what happens next, an open repair for the same problem ("add to this
repair"), or advice when it is not ours to fix."""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.extensions import db
from portal.journey import draft as drafts
from portal.journey.forms import CheckForm, ExistingForm
from portal.journey.steps import (
    answers_for_report,
    call_now_check,
    is_communal,
    next_step,
    problem_for_report,
    problem_questions,
)
from portal.tenant.blueprint import bp
from portal.tenant.calls import actor, call, household, onto, say
from portal.tenant.repairs import repair_view
from portal.tenant.report import current_draft, needs, page, rules, step_url
from repairs.services import (
    AddToRepair,
    ReportRepair,
    ServiceError,
    add_to_repair,
    report_repair,
)

REPORTED = "reported"  # the last reference raised in this session, for a double submit


@bp.route("/report/check", methods=["GET", "POST"])
def report_check():
    draft = current_draft()
    if draft is None and request.method == "POST":
        return _already_sent()  # the same button pressed again: show what it raised
    if (away := needs(draft)) is not None:
        return away
    step, number = next_step(rules(), draft.data)
    if step != "check":
        return redirect(step_url(step, number))
    form = CheckForm()
    if form.validate_on_submit():
        return _send(draft, form, confirm_new=False)
    return _check_page(draft, form)


def _check_page(draft, form):
    return page(
        "check_answers",
        _("Check your answers before sending your report"),
        form=form,
        action=url_for("tenant.report_check"),
        rows=check_rows(draft.data),
        restart=url_for("tenant.report_restart"),
        back=url_for("tenant.report_photos"),
    )


def check_rows(data: dict) -> list[tuple[str, str, str | None, str]]:
    """Check your answers: (question, answer, where to change it, what is changed)."""
    ruleset = rules()
    rows = []
    named = [_(c.question) for c in ruleset.checks if c.id in data.get("emergencies", [])]
    rows.append(
        (
            _("Emergency"),
            "\n".join(named) or _("None of these"),
            step_url("emergency"),
            _("the emergency answer"),
        )
    )
    route = data.get("route")
    if route != "emergency":
        labels = dict(ruleset.locations())
        where = _(labels[data["location"]]) if data.get("location") else _("Not sure")
        rows.append((_("Where"), where, step_url("where"), _("where the problem is")))
    if data.get("problem"):
        problem = _(ruleset.leaf(data["problem"]).label)
    else:
        problem = _("Not sure: our repairs team will read your description")
    change = step_url("one_of_these") if route == "words" else step_url("where")
    if route == "emergency":
        change = None
    rows.append((_("Problem"), problem, change, _("the problem")))
    described = data.get("description") or _("Nothing added")
    change = step_url("describe") if route == "words" else step_url("details")
    rows.append((_("Description"), described, change, _("the description")))
    for n, (key, question) in enumerate(problem_questions(ruleset, data)):
        answer = data.get("answers", {}).get(key) or _("Not answered")
        rows.append((_(question), answer, step_url("question", n), _(question)))
    count = len(data.get("photos", []))
    photos = ngettext("%(num)s photo", "%(num)s photos", count) if count else _("No photos")
    rows.append((_("Photos"), photos, step_url("photos"), _("the photos")))
    return rows


def _report(draft, confirm_new: bool) -> ReportRepair:
    data = draft.data
    return ReportRepair(
        person_id=actor().id,
        description=data.get("description", ""),
        problem=problem_for_report(data),
        answers=answers_for_report(data),
        communal=is_communal(rules(), data, household().home.block_id is not None),
        unsure=bool(data.get("unsure")),
        photos=tuple(data.get("photos", [])),
        confirm_new=confirm_new,
    )


def _send(draft, form, *, confirm_new: bool):
    """Report it once: the draft is used up in the same transaction as the repair, so a
    second press of the button finds no draft and raises nothing twice."""
    if not drafts.claim(draft):
        db.session.rollback()
        return _already_sent()
    try:
        reported = call(report_repair, _report(draft, confirm_new))
    except ServiceError as error:
        onto(form, error, "submit")
        return _check_page(current_draft() or draft, form)
    if reported.existing is not None:
        return _keep(draft, existing=reported.existing.reference)
    if reported.repair is None:
        return _keep(draft, advice=reported.outcome.problem or "")
    drafts.leave()
    session[REPORTED] = reported.repair.reference
    return redirect(url_for("tenant.report_reported", reference=reported.repair.reference))


def _keep(draft, **values):
    """Nothing was raised: put the draft back, with what came back, for the next page."""
    again = drafts.start(actor().id)
    again.update(**{**draft.data, **values})
    db.session.commit()
    target = "tenant.report_existing" if "existing" in values else "tenant.report_advice"
    return redirect(url_for(target))


def _already_sent():
    reference = session.get(REPORTED)
    if isinstance(reference, str):
        return redirect(url_for("tenant.report_reported", reference=reference))
    return redirect(url_for("tenant.report"))


@bp.post("/report/tell-us")
def report_tell_us():
    """After calling the emergency services: raise it, so we follow it up."""
    draft = current_draft()
    check = call_now_check(rules(), draft.data) if draft is not None else None
    if check is None or not CheckForm().validate_on_submit():
        return redirect(url_for("tenant.report"))
    draft.update(problem=check.leaf, route="emergency")
    return _send(draft, CheckForm(), confirm_new=True)


@bp.route("/report/existing", methods=["GET", "POST"])
def report_existing():
    draft = current_draft()
    if (away := needs(draft, "existing")) is not None:
        return away
    view = repair_view(draft.get("existing"))
    form = ExistingForm()
    if form.validate_on_submit():
        if form.choice.data == "new":
            return _send(draft, CheckForm(), confirm_new=True)
        return _add_to(draft, view.repair.reference, form)
    return page(
        "already_reported",
        _("You have already reported this problem"),
        form=form,
        action=url_for("tenant.report_existing"),
        repair=view.repair,
        back=url_for("tenant.report_check"),
    )


def _add_to(draft, reference: str, form):
    if not drafts.claim(draft):
        db.session.rollback()
        return redirect(url_for("tenant.repair", reference=reference))
    data = draft.data
    addition = AddToRepair(
        reference=reference,
        text=data.get("description", ""),
        answers={k: v for k, v in answers_for_report(data).items() if k != "location"},
        photos=tuple(data.get("photos", [])),
    )
    try:
        call(add_to_repair, addition)
    except ServiceError as error:
        flash(say(error.message), "important")
        return redirect(url_for("tenant.repair", reference=reference))
    drafts.leave()
    flash(
        _("We have added what you told us to repair %(reference)s.", reference=reference), "success"
    )
    return redirect(url_for("tenant.repair", reference=reference))


@bp.get("/report/advice")
def report_advice():
    draft = current_draft()
    if (away := needs(draft)) is not None or not draft.get("advice"):
        return away or redirect(url_for("tenant.report"))
    leaf = rules().leaf(draft.get("advice"))
    return page(
        "advice",
        _("This is not a repair we carry out"),
        leaf=leaf,
        back=url_for("tenant.report_check"),
    )


@bp.get("/report/reported/<reference>")
def report_reported(reference: str):
    view = repair_view(reference)
    return page(
        "reported",
        _("Repair reported"),
        repair=view.repair,
        appointment=next((a for a in view.appointments if a.status == "booked"), None),
        leaf=rules().leaf(view.repair.problem) if view.repair.problem else None,
        book_url=url_for("tenant.book_preferences", reference=view.repair.reference),
        repair_url=url_for("tenant.repair", reference=view.repair.reference),
        repairs_url=url_for("tenant.repairs"),
    )
