"""Running the video service until it is stopped (SIGINT or SIGTERM close every call)."""

from __future__ import annotations

import logging

from aiohttp import web

from video.app import create_app
from video.logs import configure
from video.settings import Settings
from video.store import CallStore

log = logging.getLogger("video")


def run(
    settings: Settings,
    store: CallStore,
    host: str,
    port: int,
    *,
    log_level: str = "INFO",
    log_json: bool = True,
) -> None:
    configure(log_level, log_json)
    log.info(
        "video service on http://%s:%d (at most %d calls, %d minutes each)",
        host,
        port,
        settings.max_calls,
        settings.max_call_seconds // 60,
    )
    web.run_app(
        create_app(settings, store),
        host=host,
        port=port,
        print=None,
        shutdown_timeout=10,
        handle_signals=True,
    )
