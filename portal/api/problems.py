"""problem+json (RFC 9457) answers for the scheduling API."""

from __future__ import annotations

from flask import jsonify
from flask_babel import lazy_gettext as _l

from scheduling.port import (
    AttendTargetMissed,
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    DutyInUse,
    DutyNotFound,
    InvalidJob,
    NoOperativeAvailable,
    SchedulingError,
    SlotUnavailable,
)

# status, machine-readable code (the HTTP adapter maps it back to the port's error), title
PROBLEMS = {
    SlotUnavailable: (409, "slot_unavailable", _l("That slot is no longer available")),
    BookingClosed: (409, "booking_closed", _l("That booking can no longer change")),
    # The more particular first: NoOperativeAvailable is a kind of AttendTargetMissed.
    NoOperativeAvailable: (409, "no_operative", _l("No operative can reach that job in time")),
    AttendTargetMissed: (
        409,
        "attend_target_missed",
        _l("No operative can arrive within the attend target"),
    ),
    DutyNotFound: (404, "duty_not_found", _l("There is no on-call duty with that id")),
    DutyInUse: (409, "duty_in_use", _l("That duty has taken call-outs and cannot be removed")),
    BookingNotFound: (404, "booking_not_found", _l("There is no booking with that reference")),
    InvalidJob: (422, "invalid_request", _l("Some of the values sent are not valid")),
    CoreUnavailable: (503, "core_unavailable", _l("The scheduling core is not answering")),
}
TITLES = {
    400: _l("The request could not be read"),
    401: _l("A valid API token is needed"),
    404: _l("Not found"),
    405: _l("That method is not allowed here"),
    415: _l("Send the request body as JSON"),
    500: _l("Sorry, there is a problem with the scheduling core"),
}


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
    return problem(500, "error", TITLES[500])


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
    code = {401: "unauthorised", 404: "not_found", 405: "method_not_allowed"}.get(status, "bad")
    return problem(status, code, TITLES.get(status, TITLES[400]), detail)
