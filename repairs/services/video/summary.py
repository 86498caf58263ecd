"""How a call ends, once, whoever ends it: the row closed and one event that says it all.

The event ``video_call`` is what the Housing Ombudsman would ask for: who called whom,
when, for how long, whether the tenant agreed to be recorded, the stills taken and the
recording kept.
"""

from __future__ import annotations

from datetime import datetime

from repairs.audit import Actor, record
from repairs.models import VideoCall
from repairs.services.context import Context

END_REASONS = (
    "staff_ended",  # the member of staff hung up
    "tenant_left",  # the tenant's connection closed and did not come back
    "time_limit",  # the maximum call length was reached
    "failed",  # the connection failed and nobody rejoined
    "shutdown",  # the video service stopped
    "cancelled",  # called off before the tenant's camera joined
)

VIDEO_SERVICE = Actor(kind="system", label="video service", channel="video")


def tenant_actor(call: VideoCall) -> Actor:
    """The tenant the link was sent to: holding the single-use link is their proof."""
    person = call.person
    label = f"{person.given_name} {person.family_name}" if person else "tenant"
    return Actor.tenant(call.person_id, label, "video")


def finish(
    ctx: Context,
    call: VideoCall,
    actor: Actor,
    reason: str,
    *,
    at: datetime,
    recording_key: str | None = None,
    recording_bytes: int | None = None,
) -> None:
    """End ``call`` and write its summary to the repair's audit trail."""
    before = call.status
    call.status, call.ended_at, call.end_reason = "ended", at, reason
    if recording_key:
        call.recording_key, call.recording_bytes = recording_key, recording_bytes
    staff = call.started_by
    tenant = call.person
    record(
        ctx.session,
        call.repair,
        "video_call",
        actor,
        changes={
            "status": (before, "ended"),
            "video_call": (None, call.public_id),
            "started_by": (None, staff.name if staff else None),
            "tenant": (None, f"{tenant.given_name} {tenant.family_name}" if tenant else None),
            "invited_at": (None, call.invited_at),
            "connected_at": (None, call.connected_at),
            "ended_at": (None, at),
            "duration_seconds": (None, call.duration_seconds()),
            "consent_to_record": (None, call.consent_to_record),
            "stills": (None, list(call.stills or [])),
            "uploads": (None, list(call.uploads or [])),
            "recording": (None, call.recording_key),
            "end_reason": (None, reason),
        },
        note=reason,
        at=at,
    )
