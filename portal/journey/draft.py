"""The report in progress, kept server-side (``ReportDraft``) and found from the session.

The browser holds only the draft's random token; the row also names the person it is
for, so a token copied to another person's session finds nothing.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from flask import session
from sqlalchemy import delete, select

from portal.extensions import db
from repairs.models import ReportDraft
from repairs.models.base import utcnow

SESSION_KEY = "report_draft"
# A draft is dropped after this long untouched, like the session it belongs to.
MAX_AGE = timedelta(hours=12)


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


def load(person_id: int) -> Draft | None:
    """This person's draft in this browser, if there is a live one."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    row = db.session.scalar(
        select(ReportDraft).where(
            ReportDraft.token == token,
            ReportDraft.person_id == person_id,
            ReportDraft.updated_at > utcnow() - MAX_AGE,
        )
    )
    return Draft(row) if row is not None else None


def start(person_id: int) -> Draft:
    """A fresh draft; the person's stale ones go (a draft holds their words and photos)."""
    db.session.execute(
        delete(ReportDraft).where(
            ReportDraft.person_id == person_id, ReportDraft.updated_at <= utcnow() - MAX_AGE
        )
    )
    old = load(person_id)
    if old is not None:
        db.session.delete(old.row)
    row = ReportDraft(token=secrets.token_urlsafe(32), person_id=person_id, data={})
    db.session.add(row)
    session[SESSION_KEY] = row.token
    return Draft(row)


def claim(draft: Draft) -> bool:
    """Use the draft up, once: False when another request (a double submit) already did."""
    done = db.session.execute(delete(ReportDraft).where(ReportDraft.id == draft.row.id))
    return done.rowcount == 1


def leave() -> None:
    """Forget the draft in this browser (once it has been used up and committed)."""
    session.pop(SESSION_KEY, None)
