"""Wiring: the scheduling core and the services' context, built from the app.

The engines and the domain never see the Flask app; this module hands them what they
need (a session, the settings, the loaded rules) from it. Channels call ``services()``
for the context of the current request, command or worker job.
"""

from __future__ import annotations

from flask import Flask, current_app, g

from portal.config import ROOT
from portal.extensions import db
from repairs.services import Context, FieldReport, Policy, ServiceError, record_field_event
from repairs.services.errors import NOT_FOUND
from scheduling import InvalidJob, OperativeEvent, SchedulingCore, Settings


def services(app: Flask | None = None) -> Context:
    """The services' context for the current unit of work (the app's session)."""
    app = app or current_app._get_current_object()
    policy = app.extensions.get("repairs_policy")
    if policy is None:
        policy = app.extensions["repairs_policy"] = Policy.from_config(app.config, ROOT)
    return Context(db.session, core_for(app), app.extensions["triage"], policy)


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
        core.events.subscribe(_record_field_event)
        app.extensions["scheduling_embedded_core"] = core
    return core


def _record_field_event(event: OperativeEvent) -> None:
    """The embedded core's field events reach the repairs in the same transaction."""
    report = FieldReport.from_port(event)
    client = g.get("api_client")
    try:
        record_field_event(services(), report, source=f"api:{client}" if client else "core")
    except ServiceError as error:
        if error.code == NOT_FOUND:
            return  # a booking that is not a repair's (the core also serves other clients)
        raise InvalidJob(str(error.message), {n: str(m) for n, m in error.fields.items()}) from None
