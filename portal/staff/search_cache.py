"""The search index of this process: built on first use, rebuilt when households are
added or a tenancy ends (so a new tenant is found at once), and when it is ten minutes old
(so a name edited in place is found within minutes)."""

from __future__ import annotations

import threading
import time

from flask import current_app

from common.calendar import local
from portal.extensions import db
from repairs.contact_centre.search_index import SearchIndex, build_index, freshness
from repairs.models.base import utcnow

MAX_AGE_SECONDS = 600
_lock = threading.Lock()


def current_index() -> SearchIndex:
    app = current_app._get_current_object()
    index: SearchIndex | None = app.extensions.get("staff_search_index")
    token = freshness(db.session)
    if index is not None and index.token == token and _young(index):
        return index
    with _lock:
        index = app.extensions.get("staff_search_index")
        if index is None or index.token != token or not _young(index):
            index = build_index(db.session, local(utcnow()).date())
            app.extensions["staff_search_index"] = index
    return index


def _young(index: SearchIndex) -> bool:
    return time.monotonic() - index.built_at < MAX_AGE_SECONDS
