"""A repair's history as a tenant reads it, from the audit trail and the messages we sent.

Every entry comes from a recorded event, never from a guess; events that only staff need
(a queue item, a failed dispatch) are left out, and so are notes staff wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from repairs.models import OutboundMessage, RepairEvent

LABELS = {
    "reported": _l("Reported"),
    "triaged": _l("Assessed"),
    "triage_provisional": _l("Waiting for our repairs team to read it"),
    "triage_overridden": _l("Assessed by our repairs team"),
    "priority_raised": _l("Priority raised"),
    "booked": _l("Appointment booked"),
    "rebooked": _l("Appointment changed"),
    "appointment_cancelled": _l("Appointment cancelled"),
    "dispatched": _l("Operative sent"),
    "on_the_way": _l("Operative on the way"),
    "arrived": _l("Operative arrived"),
    "completed": _l("Repair completed"),
    "no_access": _l("We could not get in"),
    "follow_on_needed": _l("More work needed"),
    "cancelled": _l("Repair cancelled"),
    "added_to": _l("More information added"),
    "investigated": _l("Damp and mould investigated"),
    "callback_queued": _l("Call back requested"),
    "video_triage_queued": _l("Video call requested"),
    "reminded": _l("Appointment reminder sent"),
    # A video call: what the tenant saw happen, in their words.
    "video_call_invited": _l("We sent you a video call link"),
    "video_link_resent": _l("We sent you a video call link"),
    "video_call_joined": _l("You opened the video call link"),
    "video_call_started": _l("Video call started"),
    "video_call": _l("Video call"),
    "video_still": _l("Photo taken on the video call"),
    "video_upload": _l("You sent photos or a video"),
    "video_media_deleted": _l("Video call recording deleted"),
}
# A plain change of status, named by where it went.
STATUS_LABELS = {
    "triaged": _l("Assessed"),
    "awaiting_appointment": _l("Ready for an appointment"),
    "booked": _l("Appointment booked"),
    "dispatched": _l("Operative sent"),
    "in_progress": _l("Operative arrived"),
    "on_hold": _l("On hold"),
    "no_access": _l("We could not get in"),
    "follow_on_needed": _l("More work needed"),
    "completed": _l("Repair completed"),
    "cancelled": _l("Repair cancelled"),
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    label: str
    # A time the entry is about (the appointment booked), and the tenant's own words.
    when: datetime | None = None
    priority: str | None = None
    note: str | None = None
    # How it happened: the tenant's channel, or ours (a text message, the contact centre).
    channel: str | None = None


def _after(changes: dict, name: str):
    pair = (changes or {}).get(name)
    return pair[1] if isinstance(pair, list) and len(pair) == 2 else None


def _moment(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _entry(event: RepairEvent) -> Entry | None:
    label = LABELS.get(event.kind)
    if label is None and event.kind == "status_changed" and event.to_status:
        label = STATUS_LABELS.get(event.to_status)
    if label is None:
        return None
    changes = event.changes or {}
    # Only the tenant's own words are theirs to read back; staff notes stay internal.
    note = event.note if event.actor_kind == "tenant" and event.kind != "reported" else None
    return Entry(
        at=event.occurred_at,
        label=str(label),
        when=_moment(_after(changes, "appointment")) or _moment(_after(changes, "arrival")),
        priority=_after(changes, "priority"),
        note=note,
        channel=event.channel,
    )


def timeline(events: list[RepairEvent], messages: list[OutboundMessage]) -> list[Entry]:
    """Newest last, as the tenant lived it."""
    entries = [entry for event in events if (entry := _entry(event)) is not None]
    entries += [
        Entry(at=m.created_at, label=str(LABELS["reminded"]), channel=m.channel)
        for m in messages
        if "reminder" in m.purpose
    ]
    return sorted(entries, key=lambda e: e.at)
