"""problem+json (RFC 9457) answers for the machine-facing APIs (and any API path the app's
error handler answers).

Every error an API answers is one of these, with a machine-readable ``code``: the port's
errors (``from_error``), HTTP errors raised anywhere on the way (``from_http_error``, used
by the app's error handler for every API path, routing errors included), and 500.
"""

from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from common.i18n import Message
from repairs.services import ServiceError
from scheduling.port import (
    AttendTargetMissed,
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    DayNotPlannable,
    DutyInUse,
    DutyNotFound,
    DutyRefused,
    InvalidJob,
    KeyReused,
    NoOperativeAvailable,
    ReplanConflict,
    SchedulingError,
    SlotUnavailable,
    UnknownPlace,
)

# The paths whose errors are problem documents rather than pages.
API_PREFIXES = ("/scheduling/", "/api/")

# status, machine-readable code (the HTTP adapter maps it back to the port's error), title.
# Subclasses come before their base class: the first match wins.
PROBLEMS = {
    SlotUnavailable: (409, "slot_unavailable", _l("That slot is no longer available")),
    BookingClosed: (409, "booking_closed", _l("That booking can no longer change")),
    # The more particular first: NoOperativeAvailable is a kind of AttendTargetMissed.
    NoOperativeAvailable: (409, "no_operative", _l("No operative can reach that job in time")),
    DayNotPlannable: (409, "day_not_plannable", _l("That day cannot be re-planned now")),
    KeyReused: (409, "idempotency_key_reused", _l("That idempotency key made another booking")),
    ReplanConflict: (
        409,
        "replan_conflict",
        _l("Bookings changed during the re-plan; run it again"),
    ),
    AttendTargetMissed: (
        409,
        "attend_target_missed",
        _l("No operative can arrive within the attend target"),
    ),
    DutyRefused: (409, "duty_refused", _l("The rota's rules refuse that duty")),
    DutyNotFound: (404, "duty_not_found", _l("There is no on-call duty with that id")),
    DutyInUse: (409, "duty_in_use", _l("That duty has taken call-outs and cannot be removed")),
    BookingNotFound: (404, "booking_not_found", _l("There is no booking with that reference")),
    UnknownPlace: (404, "uprn_not_found", _l("There is no home or block with that UPRN")),
    InvalidJob: (422, "invalid_request", _l("Some of the values sent are not valid")),
    CoreUnavailable: (503, "core_unavailable", _l("The scheduling core is not answering")),
}
# status: code, title, for errors raised by HTTP itself rather than by the port.
HTTP_PROBLEMS = {
    400: ("bad_request", _l("The request could not be read")),
    401: ("unauthorised", _l("A valid API token is needed")),
    403: ("forbidden", _l("That token may not do this")),
    404: ("not_found", _l("Not found")),
    405: ("method_not_allowed", _l("That method is not allowed here")),
    413: ("too_large", _l("The request is too large")),
    415: ("unsupported_media_type", _l("Send the request body as JSON")),
    500: ("internal_error", _l("Sorry, there is a problem with the service")),
}


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def problem(status: int, code: str, title, detail: str | None = None, **extra):
    body = {"type": "about:blank", "title": str(title), "status": status, "code": code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def from_error(error: SchedulingError):
    for kind, (status, code, title) in PROBLEMS.items():
        if isinstance(error, kind):
            extra = _missed(error) if isinstance(error, AttendTargetMissed) else {}
            if isinstance(error, InvalidJob) and error.field_errors:
                extra["invalid_params"] = [
                    {"name": name, "reason": reason}
                    for name, reason in sorted(error.field_errors.items())
                ]
            return problem(status, code, title, str(error), **extra)
    return http_problem(500)


def _missed(error: AttendTargetMissed) -> dict:
    """Who could come soonest, and the targets missed: so the caller can act at once."""

    def moment(value):
        return value.isoformat() if value else None

    return {
        "attend_by": moment(error.attend_by),
        "make_safe_by": moment(error.make_safe_by),
        "earliest_arrival": moment(error.earliest_arrival),
        "operative_id": error.operative_id,
        "on_call": error.on_call,
    }


def http_problem(status: int, detail: str | None = None):
    code, title = HTTP_PROBLEMS.get(status, HTTP_PROBLEMS[400 if status < 500 else 500])
    return problem(status, code, title, detail)


def from_http_error(error: HTTPException):
    """The problem for an HTTP error; a 405 names the methods allowed (RFC 9110)."""
    status = error.code or 500
    detail = error.description if error.description != type(error).description else None
    response = http_problem(status, detail)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


# A service error's code, as the status a machine client acts on.
SERVICE_STATUS = {
    "invalid": 422,
    "not_found": 404,
    "forbidden": 403,
    "conflict": 409,
    "slot_gone": 409,
    "not_allowed_now": 409,
    "unavailable": 503,
}


def _text(message: Message) -> str:
    return _(message.text, **message.params)


def from_service_error(error: ServiceError):
    status = SERVICE_STATUS.get(error.code, 409)
    extra = {}
    if error.fields:
        extra["invalid_params"] = [
            {"name": name, "reason": _text(message)}
            for name, message in sorted(error.fields.items())
        ]
    return problem(status, error.code, _text(error.message), **extra)
