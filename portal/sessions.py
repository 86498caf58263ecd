"""Server-side sessions for tenants and staff: idle timeout, absolute lifetime, and
"sign out everywhere".

Signing in starts a row and puts its token in the (signed) session cookie; every request
by a signed-in user checks the row. A revoked, idle or expired session signs the user out
there and then, and the next page asks them to sign in again.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Flask, current_app, flash, g, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select, update

from portal.extensions import db
from repairs.models import WebSession
from repairs.models.base import utcnow

# How often a busy session's "last seen" is written: often enough for a 30-minute idle
# timeout to be exact to the minute, rarely enough not to write on every request.
TOUCH_EVERY = timedelta(seconds=60)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _limits(kind: str) -> tuple[timedelta, timedelta]:
    config = current_app.config
    prefix = "STAFF" if kind == "staff" else "TENANT"
    return (
        timedelta(minutes=config[f"{prefix}_IDLE_MINUTES"]),
        timedelta(hours=config[f"{prefix}_SESSION_HOURS"]),
    )


def begin(user, kind: str, subject_id: int) -> None:
    """Sign ``user`` in with a fresh session (no fixation) and a server-side record."""
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(
        WebSession(
            token_hash=_hash(token),
            kind=kind,
            subject_id=subject_id,
            created_at=utcnow(),
            last_seen_at=utcnow(),
            user_agent=(request.user_agent.string or "")[:200] or None,
        )
    )
    db.session.commit()
    login_user(user)
    session["sid"] = token
    session.permanent = True


def end() -> None:
    """Sign out here: this session's record is revoked, the cookie cleared."""
    token = session.get("sid")
    if token:
        db.session.execute(
            update(WebSession)
            .where(WebSession.token_hash == _hash(token), WebSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        db.session.commit()
    logout_user()
    session.clear()


def end_everywhere(kind: str, subject_id: int) -> int:
    """Revoke every live session of one person (or member of staff); returns how many."""
    result = db.session.execute(
        update(WebSession)
        .where(
            WebSession.kind == kind,
            WebSession.subject_id == subject_id,
            WebSession.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )
    db.session.commit()
    return result.rowcount or 0


def _check() -> None:
    if "_user_id" not in session:
        return
    kind = session["_user_id"].partition(":")[0]
    token = session.get("sid")
    row = (
        db.session.scalar(select(WebSession).where(WebSession.token_hash == _hash(token)))
        if token
        else None
    )
    now = utcnow()
    idle, lifetime = _limits(kind)
    if row is None or row.revoked_at is not None or row.kind != kind:
        reason = _l("You have been signed out. Sign in again to carry on.")
    elif now - row.last_seen_at > idle:
        reason = _l("You were signed out because you were inactive. Sign in again to carry on.")
    elif now - row.created_at > lifetime:
        reason = _l("For your security, you have been signed out. Sign in again to carry on.")
    else:
        if now - row.last_seen_at > TOUCH_EVERY:
            row.last_seen_at = now
            db.session.commit()
        return
    if row is not None and row.revoked_at is None:
        row.revoked_at = now
        db.session.commit()
    logout_user()
    session.clear()
    g.signed_out = True
    flash(str(reason), "signed_out")


def _no_store(response):
    # Pages for a signed-in person must not be kept by the browser or a shared cache.
    if current_user.is_authenticated or g.get("signed_out"):
        response.headers["Cache-Control"] = "no-store"
    return response


def register_sessions(app: Flask) -> None:
    app.before_request(_check)
    app.after_request(_no_store)
