"""Reporting a repair: the tenant's words (or a problem chosen from the tree) become a
triaged repair with its targets, its Awaab's Law clocks and its next step."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from common.calendar import local
from common.i18n import N_
from repairs.audit import Actor, record
from repairs.lifecycle import OPEN_STATUSES, transition
from repairs.models import Repair
from repairs.references import new_reference
from repairs.services import notify
from repairs.services.access import Household, household_of
from repairs.services.context import Context
from repairs.services.emergency import Dispatched, send
from repairs.services.errors import NOT_FOUND, ServiceError
from repairs.services.inputs import checked_answers, checked_description, checked_photos
from repairs.services.operation import operation
from repairs.services.queues import open_item, second_look
from repairs.services.triage import apply_outcome, classify, household_vulnerabilities
from triage_rules import TriageOutcome


@dataclass(frozen=True)
class ReportRepair:
    person_id: int
    description: str = ""
    # A problem chosen from the Where/What/Which tree or from "Is it one of these?".
    problem: str | None = None
    # Answers to the rules' questions, by question id ("gas_smell": "yes", "location": ...).
    answers: Mapping[str, str] = field(default_factory=dict)
    # The communal areas of the tenant's block, not their own home.
    communal: bool = False
    # "None of these": keep the words for a person to triage.
    unsure: bool = False
    photos: tuple[str, ...] = ()
    # Report it even though an open repair for the same problem exists.
    confirm_new: bool = False


@dataclass(frozen=True)
class Reported:
    outcome: TriageOutcome
    repair: Repair | None = None
    # An open repair of the household for the same problem: offer "add to this repair".
    existing: Repair | None = None
    # Not the landlord's to fix (the tenant's own, or the supplier's): advice, no repair.
    advice_only: bool = False
    dispatch: Dispatched | None = None


@operation
def report_repair(ctx: Context, actor: Actor, report: ReportRepair) -> Reported:
    """Triage a report and raise the repair; see ``Reported`` for what can come back."""
    if actor.is_tenant and actor.id != report.person_id:
        raise ServiceError(NOT_FOUND, N_("We could not find your tenancy"))
    description = checked_description(ctx, report.description, required=not report.problem)
    answers = checked_answers(ctx, report.answers)
    photos = checked_photos(ctx, report.photos)
    if report.problem is not None and report.problem not in {x.id for x in ctx.rules.leaves}:
        raise ServiceError.invalid({"problem": N_("Choose one of the problems listed")})
    household = household_of(ctx.session, report.person_id, local(ctx.now()).date())
    if household is None:
        raise ServiceError(NOT_FOUND, N_("We could not find a current tenancy for this person"))
    if report.communal and household.home.block_id is None:
        raise ServiceError.invalid({"communal": N_("Your home has no shared areas we look after")})
    vulnerabilities = household_vulnerabilities(ctx, household)
    outcome = classify(ctx, description, vulnerabilities, report.problem, answers)
    if outcome.eligibility != "landlord" and not actor.is_staff:
        return Reported(outcome, advice_only=True)
    if not report.confirm_new and outcome.problem:
        existing = _open_repair_for(ctx, household, report.communal, outcome.problem)
        if existing is not None:
            return Reported(outcome, existing=existing)
    repair = _raise(ctx, actor, household, report, description, photos)
    return _triage(ctx, actor, repair, outcome, unsure=report.unsure)


def _open_repair_for(ctx: Context, household: Household, communal: bool, problem: str):
    where = (
        [Repair.block_id == household.home.block_id, Repair.property_id.is_(None)]
        if communal
        else [Repair.property_id == household.home.id]
    )
    return ctx.session.scalar(
        select(Repair)
        .where(*where, Repair.problem == problem, Repair.status.in_(list(OPEN_STATUSES)))
        .order_by(Repair.reported_at.desc())
    )


def _raise(ctx, actor, household, report, description, photos) -> Repair:
    now = ctx.now()
    home = household.home
    repair = Repair(
        reference=_free_reference(ctx),
        property_id=None if report.communal else home.id,
        block_id=home.block_id if report.communal else None,
        reported_by_id=household.person.id,
        raised_by_id=actor.id if actor.is_staff else None,
        channel=actor.channel,
        description=description,
        location=(report.answers.get("location") or None),
        photos=list(photos),
        status="reported",
        reported_at=now,
        hazard="none",
    )
    ctx.session.add(repair)
    ctx.session.flush()
    record(
        ctx.session,
        repair,
        "reported",
        actor,
        changes={"status": (None, "reported")},
        to_status="reported",
        note=description or None,
        at=now,
    )
    return repair


def _free_reference(ctx: Context) -> str:
    while True:
        reference = new_reference()
        if ctx.session.scalar(select(Repair.id).where(Repair.reference == reference)) is None:
            return reference


def _triage(ctx, actor, repair: Repair, outcome: TriageOutcome, *, unsure: bool) -> Reported:
    changes = apply_outcome(ctx, repair, outcome)
    emergency = outcome.priority == "emergency"
    if unsure and not emergency:
        # A person reads the words; the outcome so far only sets a provisional target.
        record(ctx.session, repair, "triage_provisional", actor, changes=changes, at=ctx.now())
        open_item(ctx, actor, "triage_review", repair=repair, person_id=repair.reported_by_id)
        notify.tenant(ctx, repair, "repair_received")
        return Reported(outcome, repair)
    transition(ctx.session, repair, "triaged", actor, kind="triaged", changes=changes, at=ctx.now())
    if emergency:
        notify.tenant(ctx, repair, "repair_received_emergency")
        if outcome.dispatch == "none":
            # Gas or fire: the emergency service makes it safe; we follow up afterwards.
            note = "; ".join(outcome.emergency_reasons) or outcome.problem
            open_item(ctx, actor, "emergency_follow_up", repair=repair, note=note)
            return Reported(outcome, repair)
        return Reported(outcome, repair, dispatch=send(ctx, actor, repair))
    transition(ctx.session, repair, "awaiting_appointment", actor, at=ctx.now())
    notify.tenant(ctx, repair, "repair_received")
    second_look(ctx, actor, repair, outcome)
    return Reported(outcome, repair)
