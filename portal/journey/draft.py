"""The report in progress, kept server-side (``ReportDraft``) and found from the session.

The browser holds only the draft's random token; the row also names whose it is (the
person it is for and, when staff raise it, the member of staff), so a token copied to
another session finds nothing. A member of staff keeps one draft per household, each
under its own key in their session, so two calls never mix their answers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import session
from sqlalchemy import delete, or_, select

from portal.extensions import db
from repairs.models import ReportDraft
from repairs.models.base import utcnow

SESSION_KEY = "report_draft"
# Staff drafts: {household key: token}, the most recent few (a session is a cookie).
STAFF_SESSION_KEY = "staff_report_drafts"
STAFF_DRAFTS_KEPT = 8
# A draft is dropped after this long untouched, like the session it belongs to.
MAX_AGE = timedelta(hours=12)


@dataclass(frozen=True)
class Owner:
    """Whose draft: the person it is for; for staff, also who raises it and for which
    household (the key it is kept under in their session)."""

    person_id: int
    staff_id: int | None = None
    household: str | None = None

    def _token(self) -> Any:
        if self.staff_id is None:
            return session.get(SESSION_KEY)
        kept = session.get(STAFF_SESSION_KEY)
        return kept.get(self.household) if isinstance(kept, dict) else None

    def _remember(self, token: str) -> None:
        if self.staff_id is None:
            session[SESSION_KEY] = token
            return
        kept = session.get(STAFF_SESSION_KEY)
        kept = dict(kept) if isinstance(kept, dict) else {}
        kept.pop(self.household, None)  # re-added last: the most recent stay
        kept[self.household] = token
        session[STAFF_SESSION_KEY] = dict(list(kept.items())[-STAFF_DRAFTS_KEPT:])

    def _forget(self) -> None:
        if self.staff_id is None:
            session.pop(SESSION_KEY, None)
            return
        kept = session.get(STAFF_SESSION_KEY)
        if isinstance(kept, dict) and self.household in kept:
            session[STAFF_SESSION_KEY] = {k: v for k, v in kept.items() if k != self.household}


class Draft:
    """The answers so far, as a plain dict; ``update`` writes them back to the row."""

    def __init__(self, row: ReportDraft) -> None:
        self.row = row
        self.data: dict[str, Any] = dict(row.data or {})

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def update(self, **values: Any) -> None:
        self.data.update(values)
        self._save()

    def forget(self, *keys: str) -> None:
        for key in keys:
            self.data.pop(key, None)
        self._save()

    def _save(self) -> None:
        self.row.data = dict(self.data)  # a new dict, so the JSON column sees the change
        self.row.updated_at = utcnow()


def load(owner: Owner) -> Draft | None:
    """The owner's draft in this browser, if there is a live one."""
    token = owner._token()
    if not isinstance(token, str):
        return None
    row = db.session.scalar(
        select(ReportDraft).where(
            ReportDraft.token == token,
            ReportDraft.person_id == owner.person_id,
            ReportDraft.staff_id.is_(None)
            if owner.staff_id is None
            else ReportDraft.staff_id == owner.staff_id,
            ReportDraft.updated_at > utcnow() - MAX_AGE,
        )
    )
    return Draft(row) if row is not None else None


def start(owner: Owner, **data: Any) -> Draft:
    """A fresh draft; the owner's stale ones go (a draft holds the tenant's words and
    photos)."""
    mine = [ReportDraft.person_id == owner.person_id]
    if owner.staff_id is not None:
        mine.append(ReportDraft.staff_id == owner.staff_id)
    db.session.execute(
        delete(ReportDraft).where(or_(*mine), ReportDraft.updated_at <= utcnow() - MAX_AGE)
    )
    old = load(owner)
    if old is not None:
        db.session.delete(old.row)
    row = ReportDraft(
        token=secrets.token_urlsafe(32),
        person_id=owner.person_id,
        staff_id=owner.staff_id,
        data=dict(data),
    )
    db.session.add(row)
    owner._remember(row.token)
    return Draft(row)


def claim(draft: Draft) -> bool:
    """Use the draft up, once: False when another request (a double submit) already did."""
    done = db.session.execute(delete(ReportDraft).where(ReportDraft.id == draft.row.id))
    return done.rowcount == 1


def leave(owner: Owner) -> None:
    """Forget the draft in this browser (once it has been used up and committed)."""
    owner._forget()
