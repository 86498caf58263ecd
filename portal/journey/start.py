"""Report a repair, the first steps: is any emergency happening now, its safety advice,
and the emergency services' number when there is nothing for us to book.

Each step stores its answer in the draft and goes to whatever ``next_step`` says is still
missing, so a changed answer leads through exactly the steps it now needs, and then back
to "Check your answers". Every view takes the channel's ``Host``.
"""

from __future__ import annotations

from flask import redirect
from flask_babel import gettext as _

from portal.extensions import db
from portal.journey.forms import CheckForm
from portal.journey.host import Host, rules
from portal.journey.steps import NONE, call_now_check


def emergency_choices(skip=()) -> list[tuple[str, str]]:
    return [(c.id, _(c.question)) for c in rules().checks if c.id not in skip]


def emergency(host: Host):
    draft = host.current_draft()
    before = draft.get("emergencies") if draft is not None else None
    answered = {"emergencies": (before or [NONE]) if before is not None else []}
    form = host.emergency_form(answered, draft)
    form.emergencies.choices = [*emergency_choices(), (NONE, _("None of these"))]
    if form.validate_on_submit():
        draft = draft or host.start_draft()
        host.first_answers(form, draft)
        chosen = [value for value in form.emergencies.data if value != NONE]
        if chosen != before:
            _restart_route(draft, chosen)
        return host.go_on(draft)
    return host.page(
        "emergency_check",
        _("Is any of these happening now?"),
        form=form,
        action=host.url("emergency"),
        back=host.leave_url(),
    )


def _restart_route(draft, chosen: list[str]) -> None:
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


def restart(host: Host):
    if CheckForm().validate_on_submit():
        host.start_draft()
        db.session.commit()
    return redirect(host.url("emergency"))


def emergency_advice(host: Host):
    """Safety advice for the emergency named, before anything else is asked."""
    draft = host.current_draft()
    if (away := host.needs(draft, "emergencies")) is not None:
        return away
    form = CheckForm()
    if form.validate_on_submit():
        draft.update(advised=True)
        return host.go_on(draft)
    leaves = [rules().leaf(c.leaf) for c in rules().checks if c.id in draft.get("emergencies")]
    return host.page(
        "emergency_advice",
        _("This is an emergency"),
        form=form,
        action=host.url("emergency_advice"),
        leaves=leaves,
        back=host.url("emergency"),
    )


def call_now(host: Host):
    """Gas, carbon monoxide or fire: the emergency services' number, and nothing to book."""
    draft = host.current_draft()
    check = call_now_check(rules(), draft.data) if draft is not None else None
    if check is None:
        return redirect(host.url("emergency"))
    leaf = rules().leaf(check.leaf)
    return host.page(
        "call_now",
        _("Call the emergency services now"),
        leaf=leaf,
        gas=leaf.category == "gas",
        form=CheckForm(),
        action=host.url("tell_us"),
        back=host.url("emergency"),
    )
