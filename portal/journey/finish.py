"""Report a repair, the end: "Check your answers", sending the report once, and what
comes back instead of a new repair: an open repair for the same problem ("add to this
repair"), or advice when it is not ours to fix. Every view takes the channel's ``Host``;
the host says where a reported repair goes next."""

from __future__ import annotations

from flask import flash, redirect, request
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.extensions import db
from portal.journey import draft as drafts
from portal.journey.forms import CheckForm, ExistingForm
from portal.journey.host import Host, rules
from portal.journey.steps import (
    answers_for_report,
    call_now_check,
    is_communal,
    next_step,
    problem_for_report,
    problem_questions,
)
from repairs.services import AddToRepair, ReportRepair, ServiceError, add_to_repair, report_repair


def check(host: Host):
    draft = host.current_draft()
    if draft is None and request.method == "POST":
        return host.already_sent()  # the same button pressed again: show what it raised
    if (away := host.needs(draft)) is not None:
        return away
    step, number = next_step(rules(), draft.data)
    if step != "check":
        return redirect(host.step_url(step, number))
    form = CheckForm()
    if form.validate_on_submit():
        return _send(host, draft, form, confirm_new=False)
    return _check_page(host, draft, form)


def _check_page(host: Host, draft, form):
    return host.page(
        "check_answers",
        _("Check your answers before sending your report"),
        form=form,
        action=host.url("check"),
        rows=check_rows(host, draft.data),
        confirm=host.confirm,
        restart=host.url("restart"),
        back=host.url("photos") if host.photos else host.url("emergency"),
    )


def check_rows(host: Host, data: dict) -> list[tuple[str, str, str | None, str]]:
    """Check your answers: (question, answer, where to change it, what is changed)."""
    ruleset = rules()
    rows = list(host.check_rows(data))
    named = [_(c.question) for c in ruleset.checks if c.id in data.get("emergencies", [])]
    rows.append(
        (
            _("Emergency"),
            "\n".join(named) or _("None of these"),
            host.step_url("emergency"),
            _("the emergency answer"),
        )
    )
    route = data.get("route")
    if route != "emergency":
        labels = dict(ruleset.locations())
        where = _(labels[data["location"]]) if data.get("location") else _("Not sure")
        rows.append((_("Where"), where, host.step_url("where"), _("where the problem is")))
    if data.get("problem"):
        problem = _(ruleset.leaf(data["problem"]).label)
    else:
        problem = _("Not sure: our repairs team will read your description")
    change = host.step_url("one_of_these") if route == "words" else host.step_url("where")
    if route == "emergency":
        change = None
    rows.append((_("Problem"), problem, change, _("the problem")))
    described = data.get("description") or _("Nothing added")
    change = host.step_url("describe") if route == "words" else host.step_url("details")
    rows.append((_("Description"), described, change, _("the description")))
    for n, (key, question) in enumerate(problem_questions(ruleset, data)):
        answer = data.get("answers", {}).get(key) or _("Not answered")
        rows.append((_(question), answer, host.step_url("question", n), _(question)))
    if host.photos:
        count = len(data.get("photos", []))
        photos = ngettext("%(num)s photo", "%(num)s photos", count) if count else _("No photos")
        rows.append((_("Photos"), photos, host.step_url("photos"), _("the photos")))
    return rows


def _report(host: Host, draft, confirm_new: bool) -> ReportRepair:
    data = draft.data
    ours = host.household()
    return ReportRepair(
        person_id=ours.person.id,
        description=data.get("description", ""),
        problem=problem_for_report(data),
        answers=answers_for_report(data),
        communal=is_communal(rules(), data, ours.home.block_id is not None),
        unsure=bool(data.get("unsure")),
        photos=tuple(data.get("photos", [])),
        confirm_new=confirm_new,
    )


def _send(host: Host, draft, form, *, confirm_new: bool):
    """Report it once: the draft is used up in the same transaction as the repair, so a
    second press of the button finds no draft and raises nothing twice."""
    report = _report(host, draft, confirm_new)
    if not drafts.claim(draft):
        db.session.rollback()
        return host.already_sent()
    try:
        reported = host.call(report_repair, report, draft)
    except ServiceError as error:
        host.onto(form, error, "submit")
        return _check_page(host, host.current_draft() or draft, form)
    if reported.existing is not None:
        return _keep(host, draft, existing=reported.existing.reference)
    if reported.repair is None:
        return _keep(host, draft, advice=reported.outcome.problem or "")
    drafts.leave(host.owner())
    return host.reported(reported)


def _keep(host: Host, draft, **values):
    """Nothing was raised: put the draft back, with what came back, for the next page."""
    again = host.start_draft()
    again.update(**{**draft.data, **values})
    db.session.commit()
    return redirect(host.url("existing" if "existing" in values else "advice"))


def tell_us(host: Host):
    """After calling the emergency services: raise it, so we follow it up."""
    draft = host.current_draft()
    check = call_now_check(rules(), draft.data) if draft is not None else None
    if check is None or not CheckForm().validate_on_submit():
        return redirect(host.url("emergency"))
    draft.update(problem=check.leaf, route="emergency")
    return _send(host, draft, CheckForm(), confirm_new=True)


def existing(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft, "existing")) is not None:
        return away
    repair = host.existing_repair(draft.get("existing"))
    form = ExistingForm()
    if form.validate_on_submit():
        if form.choice.data == "new":
            return _send(host, draft, CheckForm(), confirm_new=True)
        return _add_to(host, draft, repair.reference)
    return host.page(
        "already_reported",
        host.existing_heading or _("You have already reported this problem"),
        heading=host.existing_heading,
        form=form,
        action=host.url("existing"),
        repair=repair,
        back=host.url("check"),
    )


def _add_to(host: Host, draft, reference: str):
    data = draft.data
    addition = AddToRepair(
        reference=reference,
        text=data.get("description", ""),
        answers={k: v for k, v in answers_for_report(data).items() if k != "location"},
        photos=tuple(data.get("photos", [])),
    )
    if not drafts.claim(draft):
        db.session.rollback()
        return redirect(host.repair_url(reference))
    try:
        host.call(add_to_repair, addition, draft)
    except ServiceError as error:
        flash(host.say(error), "important")
        return redirect(host.repair_url(reference))
    drafts.leave(host.owner())
    flash(
        _("We have added what you told us to repair %(reference)s.", reference=reference), "success"
    )
    return redirect(host.repair_url(reference))


def advice(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft)) is not None or not draft.get("advice"):
        return away or redirect(host.url("emergency"))
    leaf = rules().leaf(draft.get("advice"))
    return host.page(
        "advice",
        _("This is not a repair we carry out"),
        leaf=leaf,
        back=host.url("check"),
    )
