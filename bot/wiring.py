"""The engine as the app runs it: the services' context and the bot's settings."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from bot.engine import Settings
from portal.wiring import services

__all__ = ["services", "settings_for"]


def settings_for(app: Flask | None = None) -> Settings:
    app = app or current_app._get_current_object()
    return Settings(
        translations=Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]),
        public_url=app.config["PUBLIC_BASE_URL"].rstrip("/"),
        idle_minutes=app.config.get("BOT_CONVERSATION_MINUTES", 120),
    )
