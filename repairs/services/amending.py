"""Changing a repair after it was reported: more words or photos, a person's triage,
cancelling it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from common.codes import Hazard, Priority, Trade
from common.i18n import N_
from repairs.audit import Actor, record
from repairs.lifecycle import transition
from repairs.models import Repair
from repairs.services import notify
from repairs.services.access import repair_for, require_staff
from repairs.services.booking import active_appointment, check_change_allowed, release
from repairs.services.context import Context
from repairs.services.emergency import Dispatched, send
from repairs.services.errors import CONFLICT, ServiceError
from repairs.services.inputs import (
    checked_answers,
    checked_description,
    checked_photos,
    checked_reason,
)
from repairs.services.operation import operation
from repairs.services.queues import close_items, second_look
from repairs.services.triage import apply_outcome, classify, more_pressing, repair_vulnerabilities
from triage_rules import TriageOutcome


@dataclass(frozen=True)
class AddToRepair:
    reference: str
    text: str = ""
    answers: Mapping[str, str] = field(default_factory=dict)
    photos: tuple[str, ...] = ()


@dataclass(frozen=True)
class Added:
    repair: Repair
    raised: bool = False
    dispatch: Dispatched | None = None


@operation
def add_to_repair(ctx: Context, actor: Actor, addition: AddToRepair) -> Added:
    """Add words, answers or photos to an open repair. If they show it is more urgent than
    we thought, the priority rises (never falls) and an emergency is sent at once."""
    repair = repair_for(ctx, actor, addition.reference)
    if not repair.is_open:
        raise ServiceError(
            CONFLICT, N_("Repair %(reference)s is closed", reference=repair.reference)
        )
    text = checked_description(ctx, addition.text, required=False)
    answers = checked_answers(ctx, addition.answers)
    photos = checked_photos(ctx, addition.photos, already=len(repair.photos or []))
    if not (text or answers or photos):
        raise ServiceError.invalid({"text": N_("Add some words or a photo")})
    if photos:
        repair.photos = [*(repair.photos or []), *photos]
    record(
        ctx.session,
        repair,
        "added_to",
        actor,
        note=text or None,
        changes={"photos": (None, list(photos))} if photos else None,
        at=ctx.now(),
    )
    if repair.status not in ("triaged", "awaiting_appointment", "booked", "no_access", "on_hold"):
        return Added(repair)
    vulnerabilities = repair_vulnerabilities(ctx, repair)
    outcome = classify(ctx, f"{repair.description}\n{text}", vulnerabilities, None, answers)
    if not more_pressing(outcome, repair):
        second_look(ctx, actor, repair, outcome)
        return Added(repair)
    dispatch = _raise_priority(ctx, actor, repair, outcome, "priority_raised")
    second_look(ctx, actor, repair, outcome)  # raised, but perhaps not yet far enough
    return Added(repair, True, dispatch)


def _raise_priority(ctx, actor, repair: Repair, outcome: TriageOutcome, kind: str, note=None):
    # The problem stays what it was found to be; only the urgency and hazard go up.
    keep = replace(
        outcome,
        category=repair.category or outcome.category,
        problem=repair.problem or outcome.problem,
        trade=repair.trade or outcome.trade,
        job_code=repair.job_code or outcome.job_code,
        duration_minutes=repair.estimated_minutes or outcome.duration_minutes,
    )
    changes = apply_outcome(ctx, repair, keep)
    record(ctx.session, repair, kind, actor, changes=changes, note=note, at=ctx.now())
    if repair.priority == "emergency":
        booked = active_appointment(ctx, repair)
        if booked is not None:
            release(ctx, booked, "raised to an emergency")
            transition(ctx.session, repair, "awaiting_appointment", actor, at=ctx.now())
        notify.tenant(ctx, repair, "repair_received_emergency")
        return send(ctx, actor, repair)
    notify.tenant(ctx, repair, "priority_raised")
    return None


@dataclass(frozen=True)
class OverrideTriage:
    reference: str
    reason: str
    problem: str | None = None
    priority: str | None = None
    hazard: str | None = None
    trade: str | None = None


@operation
def override_triage(ctx: Context, actor: Actor, change: OverrideTriage) -> Repair:
    """A member of staff sets the triage outcome, with a reason; old and new are both
    kept in the audit trail."""
    require_staff(actor)
    reason = checked_reason(ctx, change.reason)
    errors = {}
    leaves = {leaf.id for leaf in ctx.rules.leaves}
    if change.problem is not None and change.problem not in leaves:
        errors["problem"] = N_("Choose one of the problems listed")
    for name, allowed in (("priority", Priority), ("hazard", Hazard), ("trade", Trade)):
        value = getattr(change, name)
        if value is not None and value not in {m.value for m in allowed}:
            errors[name] = N_("Choose one of the values listed")
    if errors:
        raise ServiceError.invalid(errors)
    repair = repair_for(ctx, actor, change.reference)
    if not repair.is_open:
        raise ServiceError(
            CONFLICT, N_("Repair %(reference)s is closed", reference=repair.reference)
        )
    vulnerabilities = repair_vulnerabilities(ctx, repair)
    problem = change.problem or repair.problem
    outcome = (
        ctx.rules.outcome_for_leaf(problem, vulnerabilities)
        if problem
        else classify(ctx, repair.description, vulnerabilities, None, {})
    )
    outcome = replace(
        outcome,
        priority=change.priority or outcome.priority,
        hazard=change.hazard
        or ("awaab_emergency" if change.priority == "emergency" else outcome.hazard),
        trade=change.trade or outcome.trade,
    )
    changes = apply_outcome(ctx, repair, outcome)
    record(
        ctx.session, repair, "triage_overridden", actor, changes=changes, note=reason, at=ctx.now()
    )
    close_items(ctx, repair, ("triage_review", "safety_review"), "triaged by staff")
    if repair.status == "reported":
        transition(ctx.session, repair, "triaged", actor, at=ctx.now())
    if repair.priority == "emergency" and repair.status != "dispatched":
        booked = active_appointment(ctx, repair)
        if booked is not None:
            release(ctx, booked, "raised to an emergency")
            transition(ctx.session, repair, "awaiting_appointment", actor, at=ctx.now())
        send(ctx, actor, repair)
    elif repair.status == "triaged":
        transition(ctx.session, repair, "awaiting_appointment", actor, at=ctx.now())
    return repair


@dataclass(frozen=True)
class CancelRepair:
    reference: str
    reason: str


@operation
def cancel_repair(ctx: Context, actor: Actor, request: CancelRepair) -> Repair:
    """Cancel a repair (with a reason); its appointment, if any, is released."""
    reason = checked_reason(ctx, request.reason)
    repair = repair_for(ctx, actor, request.reference)
    appointment = active_appointment(ctx, repair)
    if appointment is not None:
        check_change_allowed(ctx, actor, appointment)
    if repair.status == "cancelled":
        return repair
    if repair.status in ("in_progress", "completed"):
        raise ServiceError(
            CONFLICT,
            N_(
                "Work on repair %(reference)s has started, so it cannot be cancelled now",
                reference=repair.reference,
            ),
        )
    if appointment is not None:
        release(ctx, appointment, reason)
    repair.cancellation_reason = reason
    transition(ctx.session, repair, "cancelled", actor, kind="cancelled", note=reason, at=ctx.now())
    close_items(
        ctx,
        repair,
        (
            "callback",
            "video_triage",
            "triage_review",
            "safety_review",
            "emergency_unassigned",
            "emergency_follow_up",
        ),
        "repair cancelled",
    )
    notify.tenant(ctx, repair, "repair_cancelled")
    return repair
