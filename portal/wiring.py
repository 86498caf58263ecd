"""Wiring: which scheduling core this app talks to, built once per app.

The engines and the domain never see the Flask app; this module hands them what they
need (a session, the settings) from it.
"""

from __future__ import annotations

from flask import Flask

from portal.extensions import db
from scheduling import SchedulingCore, Settings


def core_for(app: Flask) -> SchedulingCore:
    """The app's scheduling core: embedded, or the HTTP adapter when
    ``SCHEDULING_CORE_URL`` names a remote one."""
    core = app.extensions.get("scheduling_core")
    if core is None:
        url = app.config.get("SCHEDULING_CORE_URL", "")
        if url:
            from scheduling.http_client import HttpSchedulingCore

            core = HttpSchedulingCore(url, app.config.get("SCHEDULING_CORE_TOKEN", ""))
        else:
            core = embedded_core_for(app)
        app.extensions["scheduling_core"] = core
    return core


def embedded_core_for(app: Flask) -> SchedulingCore:
    """The embedded core over the app's database, whatever the configuration says.

    The scheduling API always serves this one: a server is the core, never a proxy.
    """
    core = app.extensions.get("scheduling_embedded_core")
    if core is None:
        from scheduling.embedded.core import EmbeddedCore
        from scheduling.replan.settings import ReplanSettings

        core = EmbeddedCore(
            lambda: db.session,
            Settings.from_config(app.config),
            replan_settings=ReplanSettings.from_config(app.config),
        )
        app.extensions["scheduling_embedded_core"] = core
    return core
