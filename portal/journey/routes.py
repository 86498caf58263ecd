"""The journey's routes, added to a channel's blueprint under its own prefix, each bound
to the channel's ``Host``: one set of views serves the tenant and the contact centre."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Blueprint

from portal.journey import find, finish, start
from portal.journey.host import ENDPOINTS, Host

GET_POST = ("GET", "POST")

# (step, path under the prefix, view, methods)
ROUTES: tuple[tuple[str, str, Callable, tuple[str, ...]], ...] = (
    ("emergency", "", start.emergency, GET_POST),
    ("restart", "/restart", start.restart, ("POST",)),
    ("emergency_advice", "/emergency", start.emergency_advice, GET_POST),
    ("call_now", "/call-now", start.call_now, ("GET",)),
    ("where", "/where", find.where, GET_POST),
    ("what", "/what", find.what, GET_POST),
    ("which", "/which", find.which, GET_POST),
    ("describe", "/describe", find.describe, GET_POST),
    ("one_of_these", "/one-of-these", find.one_of_these, GET_POST),
    ("safety", "/safety", find.safety, GET_POST),
    ("question", "/question/<int:n>", find.question, GET_POST),
    ("details", "/details", find.details, GET_POST),
    ("check", "/check", finish.check, GET_POST),
    ("tell_us", "/tell-us", finish.tell_us, ("POST",)),
    ("existing", "/existing", finish.existing, GET_POST),
    ("advice", "/advice", finish.advice, ("GET",)),
)


def _bound(view: Callable, host: Host) -> Callable:
    def handler(**values):
        # The host reads its own URL values (a household's reference) from the request.
        return view(host, n=values["n"]) if "n" in values else view(host)

    handler.__name__ = view.__name__
    handler.__doc__ = view.__doc__
    return handler


def register(bp: Blueprint, host: Host, prefix: str, skip: Iterable[str] = ()) -> None:
    """Add every step of the journey (but ``skip``) to ``bp`` under ``prefix``."""
    for step, path, view, methods in ROUTES:
        if step not in skip:
            bp.add_url_rule(prefix + path, ENDPOINTS[step], _bound(view, host), methods=methods)
