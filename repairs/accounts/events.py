"""The record of what was done to staff accounts, and revoking an account's sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from repairs.audit import Actor
from repairs.models import StaffAccountEvent, StaffUser, WebSession


def log(
    session: Session,
    staff: StaffUser,
    kind: str,
    actor: Actor | None,
    now: datetime,
    note: str | None = None,
) -> None:
    """Append one account event; ``actor`` None means the account holder themselves."""
    session.add(
        StaffAccountEvent(
            staff_id=staff.id,
            actor_id=actor.id if actor is not None else staff.id,
            actor_label=(actor.label if actor is not None else staff.name)[:120],
            kind=kind,
            occurred_at=now,
            note=note[:200] if note else None,
        )
    )


def revoke_sessions(session: Session, staff: StaffUser, now: datetime) -> None:
    """Sign the account out everywhere, in the caller's transaction: a disabled account or
    a reset password must not leave a session open somewhere else."""
    session.execute(
        update(WebSession)
        .where(
            WebSession.kind == "staff",
            WebSession.subject_id == staff.id,
            WebSession.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
