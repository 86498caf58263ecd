"""Awaab's Law: the written summary of an investigation, sent to the tenant in time.

After investigating a damp, mould or other hazard the landlord must give the tenant a
written summary of what it found and what it will do, within the statutory working days
(``awaab_summary_by``, set when the investigation is recorded). Staff write it; this sends
it as a text message in the tenant's language, records when it went and whether that was
in time, and keeps its words in the audit trail. When the tenant cannot be texted, a
person is asked to send it by letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from common.calendar import local
from common.i18n import N_
from repairs.audit import Actor, record
from repairs.messaging.segments import MAX_SEGMENTS, fit_sms
from repairs.messaging.templates import render
from repairs.models import OutboundMessage, Repair, WorkItem
from repairs.services import notify
from repairs.services.access import repair_for, require_staff
from repairs.services.context import Context
from repairs.services.errors import CONFLICT, ServiceError
from repairs.services.operation import clean_text, operation
from repairs.services.queues import open_item
from repairs.services.triage import start_awaab_investigation

MAX_WORDS = 600


@dataclass(frozen=True)
class AwaabSummary:
    reference: str
    findings: str
    # Whether the investigation found a significant (or emergency) hazard.
    hazard_found: bool
    # What the landlord will do about it: required when a hazard was found.
    actions: str = ""
    # When the investigation took place, if it is not recorded yet.
    investigated_at: datetime | None = None


@dataclass(frozen=True)
class SummarySent:
    repair: Repair
    message: OutboundMessage | None
    # Sent by the statutory deadline (``awaab_summary_by``)?
    on_time: bool
    # Asked of a person when no text could be sent: a letter instead.
    letter: WorkItem | None = None


@operation
def send_awaab_summary(ctx: Context, actor: Actor, request: AwaabSummary) -> SummarySent:
    """Send the investigation's written summary to the tenant who reported the repair."""
    require_staff(actor)
    repair = repair_for(ctx, actor, request.reference)
    if repair.hazard == "none":
        raise ServiceError(
            CONFLICT,
            N_("Repair %(reference)s is not an Awaab's Law hazard", reference=repair.reference),
        )
    findings, actions = _words(request)
    now = ctx.now()
    if repair.investigated_at is None:
        _record_investigation(ctx, actor, repair, request.investigated_at, now)
    # The safety work's deadline is what the tenant is promised; the target if none is set.
    due = repair.awaab_safety_work_by or repair.target_at or now
    values = {"findings": findings, "actions": actions, "due": local(due).date()}
    purpose = "awaab_summary" if request.hazard_found else "awaab_summary_no_hazard"
    _check_fits(ctx, repair, purpose, values)
    message = notify.tenant(ctx, repair, purpose, **values)
    on_time = repair.awaab_summary_by is None or now <= repair.awaab_summary_by
    if repair.awaab_summary_sent_at is None:
        repair.awaab_summary_sent_at = now
    summary = f"Found: {findings}" + (f"\nWill do: {actions}" if actions else "")
    record(
        ctx.session,
        repair,
        "awaab_summary_sent",
        actor,
        changes={"awaab_summary_sent_at": (None, now), "on_time": (None, on_time)},
        note=summary,
        at=now,
    )
    letter = None
    if message is None:
        letter = open_item(
            ctx,
            actor,
            "message_failed",
            repair=repair,
            person_id=repair.reported_by_id,
            note=f"Send the Awaab's Law summary by letter: the tenant cannot be texted.\n{summary}",
        )
    ctx.session.flush()
    return SummarySent(repair, message, on_time, letter)


def _words(request: AwaabSummary) -> tuple[str, str]:
    errors = {}
    try:
        findings = clean_text(request.findings, MAX_WORDS)
        actions = clean_text(request.actions, MAX_WORDS)
    except ValueError:
        raise ServiceError.invalid(
            {"findings": N_("Keep the summary to %(limit)s characters", limit=MAX_WORDS)}
        ) from None
    if not findings:
        errors["findings"] = N_("Say what the investigation found")
    if request.hazard_found and not actions:
        errors["actions"] = N_("Say what we will do about the hazard")
    if errors:
        raise ServiceError.invalid(errors)
    return findings, actions if request.hazard_found else ""


def _record_investigation(ctx, actor, repair: Repair, when: datetime | None, now) -> None:
    if not isinstance(when, datetime) or when.tzinfo is None:
        raise ServiceError.invalid(
            {"investigated_at": N_("Give the date and time of the investigation")}
        )
    if when > now or when < repair.reported_at:
        raise ServiceError.invalid(
            {
                "investigated_at": N_(
                    "The investigation must be after the report and not in the future"
                )
            }
        )
    start_awaab_investigation(ctx, actor, repair, when)


def _check_fits(ctx: Context, repair: Repair, purpose: str, values: dict) -> None:
    """A text message holds three parts at most: ask staff to shorten what does not fit."""
    language = notify.language_of(repair)
    full = notify.message_values(ctx, repair, None, language) | values
    text = render(purpose, language, full, ctx.policy.translations_dir)
    if fit_sms(text).segments > MAX_SEGMENTS:
        raise ServiceError.invalid(
            {
                "findings": N_(
                    "Shorten the summary: it must fit in one text message of %(parts)s parts",
                    parts=MAX_SEGMENTS,
                )
            }
        )
