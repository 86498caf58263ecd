"""After the call: staff confirm or change the triage with what they saw."""

from __future__ import annotations

from dataclasses import dataclass

from repairs.audit import Actor
from repairs.models import Repair
from repairs.services.amending import OverrideTriage, override_triage
from repairs.services.context import Context
from repairs.services.operation import operation
from repairs.services.queues import close_items
from repairs.services.video.calls import call_for


@dataclass(frozen=True)
class SettleByVideo:
    call_id: str
    reason: str
    problem: str | None = None
    priority: str | None = None
    trade: str | None = None


@operation
def settle_by_video(ctx: Context, actor: Actor, settle: SettleByVideo) -> Repair:
    """Record the outcome of the call through ``override_triage`` (a reason, old and new
    in the audit trail) and take the repair off the video-triage queue."""
    call = call_for(ctx, settle.call_id)
    repair = override_triage(
        ctx,
        actor,
        OverrideTriage(
            reference=call.repair.reference,
            reason=settle.reason,
            problem=settle.problem,
            priority=settle.priority,
            trade=settle.trade,
        ),
    )
    close_items(ctx, repair, ("video_triage",), "seen on a video call")
    call.outcome_at = ctx.now()
    return repair
