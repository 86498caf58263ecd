"""Report a repair: finding the problem by Where, What and Which, or in the tenant's own
words with "Is it one of these?", then the rules' follow-up questions. Every view takes
the channel's ``Host``."""

from __future__ import annotations

from flask import abort, redirect
from flask_babel import gettext as _

from portal.journey.forms import (
    DescribeForm,
    DetailsForm,
    EmergencyForm,
    OneOfTheseForm,
    QuestionForm,
    WhatForm,
    WhereForm,
    WhichForm,
)
from portal.journey.host import Host, rules
from portal.journey.start import emergency_choices
from portal.journey.steps import (
    DESCRIBE,
    NONE,
    answers_for_report,
    problem_questions,
    safety_checks_for,
)
from portal.wiring import services
from repairs.services.triage import household_vulnerabilities

NEW_PROBLEM = ("group", "problem", "unsure", "answers", "candidates", "safety", "safety_checks")


def where(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft)) is not None:
        return away
    home = host.household().home
    words = draft.get("route") == "words" and not draft.get("location")
    form = WhereForm(data={"where": DESCRIBE if words else draft.get("location")})
    form.where.choices = [
        *[(i, _(label)) for i, label in rules().locations() if i != "communal" or home.block_id],
        (DESCRIBE, _("I am not sure: describe it in my own words")),
    ]
    if form.validate_on_submit():
        value = form.where.data
        if value != (DESCRIBE if words else draft.get("location")):
            draft.forget("location", *NEW_PROBLEM)
        if value == DESCRIBE:
            draft.update(route="words")
        else:
            draft.update(route="tree", location=value)
        return host.go_on(draft)
    hints = {}
    if home.block is not None:
        hints["communal"] = _(
            "Shared areas of %(block)s, like lifts, stairs and bin stores", block=home.block.name
        )
    return host.page(
        "where",
        _("Where is the problem?"),
        form=form,
        action=host.url("where"),
        hints=hints,
        divider=DESCRIBE,
        back=host.url("emergency"),
    )


def what(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft, "location")) is not None:
        return away
    groups = rules().problems_at(draft.get("location"))
    form = WhatForm(data={"what": draft.get("group")})
    form.what.choices = [
        *[(g["id"], _(g["label"])) for g in groups],
        (DESCRIBE, _("Something else: describe it in my own words")),
    ]
    if form.validate_on_submit():
        if form.what.data != draft.get("group"):
            draft.forget(*NEW_PROBLEM)
        if form.what.data == DESCRIBE:
            draft.update(route="words")
        else:
            draft.update(route="tree", group=form.what.data)
        return host.go_on(draft)
    return host.page(
        "what",
        _("What is the problem?"),
        form=form,
        action=host.url("what"),
        divider=DESCRIBE,
        back=host.url("where"),
    )


def _group(draft):
    found = [g for g in rules().problems_at(draft.get("location")) if g["id"] == draft.get("group")]
    if not found:
        abort(404)
    return found[0]


def which(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft, "location", "group")) is not None:
        return away
    group = _group(draft)
    form = WhichForm(data={"which": draft.get("problem")})
    form.which.label.text = _(group["question"])
    form.which.choices = [
        *[(leaf["id"], _(leaf["label"])) for leaf in group["leaves"]],
        (NONE, _("None of these: describe it in my own words")),
    ]
    if form.validate_on_submit():
        if form.which.data != draft.get("problem"):
            draft.forget("problem", "unsure", "answers", "candidates", "safety", "safety_checks")
        if form.which.data == NONE:
            draft.update(route="words")
        else:
            draft.update(route="tree", problem=form.which.data)
        return host.go_on(draft)
    return host.page(
        "which",
        _(group["question"]),
        form=form,
        action=host.url("which"),
        divider=NONE,
        back=host.url("what"),
    )


def describe(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft)) is not None:
        return away
    form = DescribeForm(data={"description": draft.get("description", "")})
    if form.validate_on_submit():
        text = form.description.data.strip()
        if text != draft.get("description"):
            draft.forget("problem", "unsure", "answers", "candidates", "safety", "safety_checks")
            _classify(host, draft, text)
        return host.go_on(draft)
    return host.page(
        "describe",
        _("Describe the problem"),
        form=form,
        action=host.url("describe"),
        back=host.url("where"),
    )


def _classify(host: Host, draft, text: str) -> None:
    """Read the words with the rules: the candidates for "Is it one of these?", and which
    emergency questions to ask outright."""
    ours = host.household()
    vulnerabilities = household_vulnerabilities(services(), ours)
    outcome = rules().classify(text, vulnerabilities, answers_for_report(draft.data))
    candidates = [
        c.problem
        for c in outcome.candidates
        if ours.home.block_id or rules().leaf(c.problem).location != "communal"
    ]
    draft.update(
        description=text,
        candidates=candidates,
        unsure=not candidates,
        safety_checks=safety_checks_for(rules(), outcome, text, draft.get("emergencies", [])),
    )


def one_of_these(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft, "description", "candidates")) is not None:
        return away
    before = draft.get("problem") or (NONE if draft.get("unsure") else None)
    form = OneOfTheseForm(data={"problem": before})
    form.problem.choices = [
        *[(c, _(rules().leaf(c).label)) for c in draft.get("candidates")],
        (NONE, _("None of these")),
    ]
    if form.validate_on_submit():
        chosen = form.problem.data
        if chosen != draft.get("problem"):
            draft.forget("answers")
        if chosen == NONE:
            draft.forget("problem")
            draft.update(unsure=True)
        else:
            draft.update(problem=chosen, unsure=False)
        return host.go_on(draft)
    return host.page(
        "one_of_these",
        _("Is it one of these?"),
        form=form,
        action=host.url("one_of_these"),
        divider=NONE,
        description=draft.get("description"),
        back=host.url("describe"),
    )


def safety(host: Host):
    """The emergency questions asked outright, when the words leave the rules unsure."""
    draft = host.current_draft()
    if (away := host.needs(draft, "safety_checks")) is not None:
        return away
    asked = draft.get("safety_checks")
    said = draft.get("safety")
    form = EmergencyForm(
        data={"emergencies": [k for k, v in said.items() if v == "yes"] or [NONE]} if said else {}
    )
    form.emergencies.label.text = _("To be safe, is any of these happening now?")
    form.emergencies.choices = [
        *[(i, q) for i, q in emergency_choices() if i in asked],
        (NONE, _("None of these")),
    ]
    if form.validate_on_submit():
        chosen = set(form.emergencies.data)
        draft.update(safety={check: "yes" if check in chosen else "no" for check in asked})
        return host.go_on(draft)
    return host.page(
        "emergency_check",
        _("To be safe, is any of these happening now?"),
        form=form,
        action=host.url("safety"),
        back=host.url("one_of_these"),
    )


def question(host: Host, n: int):
    draft = host.current_draft()
    if (away := host.needs(draft, "problem")) is not None:
        return away
    questions = problem_questions(rules(), draft.data)
    if not 0 <= n < len(questions):
        return redirect(host.url("emergency"))
    key, question = questions[n]
    answers = dict(draft.get("answers", {}))
    form = QuestionForm(data={"answer": answers.get(key, "")})
    form.answer.label.text = _(question)
    if form.validate_on_submit():
        answers[key] = (form.answer.data or "").strip()
        draft.update(answers=answers)
        return host.go_on(draft)
    return host.page(
        "question",
        _(question),
        form=form,
        action=host.url("question", n=n),
        back=host.url("emergency"),
    )


def details(host: Host):
    draft = host.current_draft()
    if (away := host.needs(draft, "problem")) is not None:
        return away
    form = DetailsForm(data={"description": draft.get("description", "")})
    if form.validate_on_submit():
        draft.update(description=(form.description.data or "").strip(), details_done=True)
        return host.go_on(draft)
    return host.page(
        "describe",
        _("Tell us anything that will help"),
        form=form,
        action=host.url("details"),
        back=host.url("emergency"),
    )
