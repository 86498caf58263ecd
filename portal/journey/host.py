"""The journey host: what a channel supplies so the shared steps can run inside it.

The steps (``start``, ``find``, ``finish``) are written once, against this small
interface; the tenant's portal and the contact centre each give one host: its
blueprint's endpoints, its page layout, who acts, for which household, how a service's
refusal is said, and where the journey goes once the repair is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, redirect, render_template, url_for

from portal.extensions import db
from portal.journey import draft as drafts
from portal.journey.forms import EmergencyForm
from portal.journey.steps import next_step
from portal.wiring import services
from repairs.audit import Actor
from repairs.models import Repair
from repairs.services import ServiceError
from repairs.services.access import Household
from repairs.services.reporting import Reported
from triage_rules import RuleSet

R = TypeVar("R")

# Each step's endpoint, the same in every blueprint that hosts the journey.
ENDPOINTS = {
    "emergency": "report",
    "call_now": "report_call_now",
    "emergency_advice": "report_emergency",
    "where": "report_where",
    "what": "report_what",
    "which": "report_which",
    "describe": "report_describe",
    "one_of_these": "report_one_of_these",
    "safety": "report_safety",
    "question": "report_question",
    "details": "report_details",
    "photos": "report_photos",
    "check": "report_check",
    "restart": "report_restart",
    "tell_us": "report_tell_us",
    "existing": "report_existing",
    "advice": "report_advice",
}


def rules() -> RuleSet:
    return current_app.extensions["triage"]


class Host:
    """One channel's journey. Subclasses fill in the methods that raise here."""

    blueprint: str  # "tenant", "staff"
    layout: str  # the page each step's partial is included in
    photos: bool = True  # whether the journey has the photos step
    # Words the partials say to the tenant, when someone else is at the keyboard (None:
    # the partial's own).
    existing_heading = None  # an open repair for the same problem
    confirm = None  # above "Send report"

    # --- where things are
    def url_values(self) -> dict[str, Any]:
        """Values every URL of the journey needs (the household, for staff)."""
        return {}

    def url(self, step: str, **values: Any) -> str:
        endpoint = f"{self.blueprint}.{ENDPOINTS[step]}"
        return url_for(endpoint, **self.url_values(), **values)

    def step_url(self, name: str, number: int | None = None) -> str:
        if name == "question":
            return self.url(name, n=number or 0)
        return self.url(name)

    def leave_url(self) -> str:
        """Back from the first step: where the journey was started from."""
        raise NotImplementedError

    def repair_url(self, reference: str) -> str:
        raise NotImplementedError

    # --- who
    def owner(self) -> drafts.Owner:
        raise NotImplementedError

    def household(self) -> Household:
        raise NotImplementedError

    def actor(self, draft: drafts.Draft | None) -> Actor:
        raise NotImplementedError

    def existing_repair(self, reference: str) -> Repair:
        """An open repair the service offered back, as this channel may see it."""
        raise NotImplementedError

    # --- doing
    def call(self, operation: Callable[..., R], request: object, draft: drafts.Draft) -> R:
        """Run one service operation and commit; roll back and raise on a refusal."""
        try:
            result = operation(services(), self.actor(draft), request)
        except ServiceError:
            db.session.rollback()
            raise
        db.session.commit()
        return result

    def onto(self, form, error: ServiceError, default: str) -> None:
        """Put a refusal's messages on the form, by the field they concern."""
        raise NotImplementedError

    def say(self, error: ServiceError) -> str:
        raise NotImplementedError

    def reported(self, reported: Reported):
        """The response once a repair has been raised (committed)."""
        raise NotImplementedError

    def already_sent(self):
        """The response to "Send" pressed again once the draft is used up."""
        raise NotImplementedError

    # --- first step and check answers: what a channel adds
    def emergency_form(self, data: dict[str, Any], draft: drafts.Draft | None):
        """The first step's form (staff add how the tenant is in touch)."""
        return EmergencyForm(data=data)

    def first_answers(self, form, draft: drafts.Draft) -> None:
        """Keep what ``emergency_form`` added."""

    def check_rows(self, data: dict) -> list[tuple[str, str, str | None, str]]:
        """Rows of "Check your answers" that only this channel has."""
        return []

    def page_context(self) -> dict[str, Any]:
        return {}

    # --- shared by every step
    def current_draft(self) -> drafts.Draft | None:
        return drafts.load(self.owner())

    def start_draft(self) -> drafts.Draft:
        # A journey without photos has them done from the start, so no step asks.
        return drafts.start(self.owner(), **({} if self.photos else {"photos_done": True}))

    def page(self, partial: str, title: str, **context):
        """A step's page: the shared partial inside this channel's layout."""
        return render_template(
            self.layout,
            partial=f"repairs/journey/{partial}.html",
            title=title,
            **self.page_context(),
            **context,
        )

    def go_on(self, draft: drafts.Draft):
        """Keep the answer and go to the first step still to answer."""
        db.session.commit()
        return redirect(self.step_url(*next_step(rules(), draft.data)))

    def needs(self, draft: drafts.Draft | None, *keys: str):
        """A redirect when there is no draft, or an earlier answer this step builds on is
        missing; None when the step may be shown."""
        if draft is None or "emergencies" not in draft.data:
            return redirect(self.url("emergency"))
        if any(not draft.get(key) for key in keys):
            return redirect(self.step_url(*next_step(rules(), draft.data)))
        return None
