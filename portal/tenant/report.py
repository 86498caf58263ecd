"""Report a repair: the emergency check first, and what every step shares.

Each step stores its answer in the draft and goes to whatever ``next_step`` says is still
missing, so a changed answer leads through exactly the steps it now needs, and then back
to "Check your answers". The pages are the shared partials of ``templates/repairs/journey``.
"""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.journey import draft as drafts
from portal.journey.forms import CheckForm, EmergencyForm
from portal.journey.steps import NONE, call_now_check, next_step
from portal.tenant.blueprint import bp
from portal.tenant.calls import actor
from triage_rules import RuleSet

ENDPOINTS = {
    "emergency": "tenant.report",
    "call_now": "tenant.report_call_now",
    "emergency_advice": "tenant.report_emergency",
    "where": "tenant.report_where",
    "what": "tenant.report_what",
    "which": "tenant.report_which",
    "describe": "tenant.report_describe",
    "one_of_these": "tenant.report_one_of_these",
    "safety": "tenant.report_safety",
    "question": "tenant.report_question",
    "details": "tenant.report_details",
    "photos": "tenant.report_photos",
    "check": "tenant.report_check",
}


def rules() -> RuleSet:
    return current_app.extensions["triage"]


def step_url(name: str, number: int | None = None) -> str:
    if name == "question":
        return url_for(ENDPOINTS[name], n=number or 0)
    return url_for(ENDPOINTS[name])


def go_on(draft: drafts.Draft):
    """Keep the answer and go to the first step still to answer."""
    db.session.commit()
    return redirect(step_url(*next_step(rules(), draft.data)))


def page(partial: str, title: str, **context):
    """A step's page: the shared partial inside the tenant's layout."""
    return render_template(
        "tenant/report/step.html",
        partial=f"repairs/journey/{partial}.html",
        title=title,
        **context,
    )


def current_draft() -> drafts.Draft | None:
    return drafts.load(actor().id)


def needs(draft: drafts.Draft | None, *keys: str):
    """A redirect when there is no draft, or an earlier answer this step builds on is
    missing; None when the step may be shown."""
    if draft is None or "emergencies" not in draft.data:
        return redirect(url_for("tenant.report"))
    if any(not draft.get(key) for key in keys):
        return redirect(step_url(*next_step(rules(), draft.data)))
    return None


def emergency_choices(skip=()) -> list[tuple[str, str]]:
    return [(c.id, _(c.question)) for c in rules().checks if c.id not in skip]


@bp.route("/report", methods=["GET", "POST"])
def report():
    draft = current_draft()
    before = draft.get("emergencies") if draft is not None else None
    form = EmergencyForm(data={"emergencies": (before or [NONE]) if before is not None else []})
    form.emergencies.choices = [*emergency_choices(), (NONE, _("None of these"))]
    if form.validate_on_submit():
        draft = draft or drafts.start(actor().id)
        chosen = [value for value in form.emergencies.data if value != NONE]
        if chosen != before:
            _restart_route(draft, chosen)
        return go_on(draft)
    return page(
        "emergency_check",
        _("Is any of these happening now?"),
        form=form,
        action=url_for("tenant.report"),
        back=url_for("tenant.repairs"),
    )


def _restart_route(draft: drafts.Draft, chosen: list[str]) -> None:
    """New emergency answers: an emergency goes straight to its own problem."""
    draft.forget(
        "route",
        "location",
        "group",
        "problem",
        "unsure",
        "candidates",
        "safety",
        "safety_checks",
        "advised",
        "answers",
    )
    if chosen:
        leaf = next(c.leaf for c in rules().checks if c.id == chosen[0])
        draft.update(emergencies=chosen, route="emergency", problem=leaf)
    else:
        draft.update(emergencies=[])


@bp.post("/report/restart")
def report_restart():
    if CheckForm().validate_on_submit():
        drafts.start(actor().id)
        db.session.commit()
    return redirect(url_for("tenant.report"))


@bp.route("/report/emergency", methods=["GET", "POST"])
def report_emergency():
    """Safety advice for the emergency named, before anything else is asked."""
    draft = current_draft()
    if (away := needs(draft, "emergencies")) is not None:
        return away
    form = CheckForm()
    if form.validate_on_submit():
        draft.update(advised=True)
        return go_on(draft)
    leaves = [rules().leaf(c.leaf) for c in rules().checks if c.id in draft.get("emergencies")]
    return page(
        "emergency_advice",
        _("This is an emergency"),
        form=form,
        action=url_for("tenant.report_emergency"),
        leaves=leaves,
        back=url_for("tenant.report"),
    )


@bp.get("/report/call-now")
def report_call_now():
    """Gas, carbon monoxide or fire: the emergency services' number, and nothing to book."""
    draft = current_draft()
    check = call_now_check(rules(), draft.data) if draft is not None else None
    if check is None:
        return redirect(url_for("tenant.report"))
    leaf = rules().leaf(check.leaf)
    return page(
        "call_now",
        _("Call the emergency services now"),
        leaf=leaf,
        gas=leaf.category == "gas",
        form=CheckForm(),
        action=url_for("tenant.report_tell_us"),
        back=url_for("tenant.report"),
    )
