"""Locale and time zone selection, and the formatting helpers templates use.

The locale comes from the signed-in tenant's stored preference, then the ``locale``
cookie (set by the language switcher), then the browser's ``Accept-Language``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, request
from flask_login import current_user


def available_locales(app: Flask) -> list[str]:
    root = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    found = sorted(p.parent.parent.name for p in root.glob("*/LC_MESSAGES/messages.po"))
    return ["en", *[code for code in found if code != "en"]]


def select_locale() -> str:
    supported = current_app.config["LOCALES"]
    preferred = getattr(current_user, "preferred_language", None)
    if preferred in supported:
        return preferred
    cookie = request.cookies.get("locale")
    if cookie in supported:
        return cookie
    return request.accept_languages.best_match(supported) or "en"


def select_timezone() -> str:
    return "Europe/London"
