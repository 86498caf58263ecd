"""What each request of the scheduling API may carry, and how it is read.

The fields here build the OpenAPI document (``openapi.py``) and read the requests
(``views.py``), so every constraint the server enforces is one the document declares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from common.codes import Priority, Trade, values
from portal.api.fields import (
    IDENTIFIER,
    Array,
    Boolean,
    Choice,
    Day,
    Field,
    Integer,
    Listed,
    Moment,
    Number,
    Text,
    read,
)
from scheduling.port import EVENT_KINDS, PRIORITIES, InvalidJob, Job, OnCallDuty
from scheduling.windows import Settings
from scheduling.wire import WEEKDAYS

TRADES = values(Trade)

# Booking references: "SB-" and eight characters of the unambiguous alphabet.
BOOKING_REFERENCE = "^SB-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$"
JOB_REFERENCE = Text(
    name="job_reference",
    description="The caller's reference for the job (a repair reference, say)",
    pattern=IDENTIFIER,
    min_length=1,
    max_length=40,
    required=True,
    example="RPR-2K7-Q4M",
)
TRADE = Choice(
    name="trade",
    description="The trade the job needs",
    values=values(Trade),
    required=True,
    example="plumber",
)
DURATION = Integer(
    name="duration", description="Minutes on site", low=1, high=24 * 60, required=True, example=60
)
# Where the job is: a latitude and longitude, or the UPRN of a home or block we know.
LOCATION = (
    Number(name="latitude", description="Where the job is", low=-90, high=90, example=52.9533),
    Number(name="longitude", description="Where the job is", low=-180, high=180, example=-1.1496),
    Text(
        name="uprn",
        description="The home's UPRN, instead of coordinates (404 if we do not know it)",
        pattern="^[0-9]{1,12}$",
        max_length=12,
    ),
)
LOCATION_RULE = {"anyOf": [{"required": ["latitude", "longitude"]}, {"required": ["uprn"]}]}
IDEMPOTENCY_KEY = Text(
    name="idempotency_key",
    description="Any unique string: the same key always answers with the same booking",
    pattern=IDENTIFIER,
    min_length=8,
    max_length=80,
    required=True,
    example="book-RPR-2K7-Q4M-1",
)
SLOT_ID = Text(
    name="slot_id",
    description="The id of an offered slot, as given (opaque)",
    pattern=IDENTIFIER,
    min_length=1,
    max_length=200,
    required=True,
)


def slot_query(settings: Settings) -> tuple[Field, ...]:
    """The query of ``GET /slots``, apart from the location (see ``LOCATION``)."""
    return (
        TRADE,
        DURATION,
        Day(name="earliest", description="First day to offer"),
        Day(name="latest", description="Last day to offer (capped at the priority's target)"),
        Integer(name="limit", description="How many slots", low=1, high=100, default=10),
        Choice(
            name="priority",
            description="Sets the target date (emergencies are dispatched, not offered slots)",
            values=("urgent", "routine"),
            default="routine",
        ),
        Listed(name="preferred_days", description="Days the tenant prefers", values=WEEKDAYS),
        Listed(
            name="preferred_windows",
            description="Appointment windows the tenant prefers",
            values=tuple(w.name for w in settings.windows),
        ),
        Text(
            name="job_reference",
            description="For the logs",
            pattern=IDENTIFIER,
            min_length=1,
            max_length=40,
            default="offer",
        ),
    )


BOOKING = (SLOT_ID, JOB_REFERENCE, IDEMPOTENCY_KEY)
REBOOKING = (SLOT_ID, IDEMPOTENCY_KEY)
DISPATCH = (
    JOB_REFERENCE,
    TRADE,
    DURATION,
    Choice(
        name="priority",
        description="The job's priority (dispatch is for emergencies)",
        values=PRIORITIES,
        default=Priority.EMERGENCY.value,
    ),
    *LOCATION,
    Text(
        name="idempotency_key",
        description="Defaults to 'dispatch:' and the job reference",
        pattern=IDENTIFIER,
        min_length=8,
        max_length=80,
    ),
    Text(
        name="patch",
        description="The home's patch, for on-call duties that cover only some patches",
        min_length=1,
        max_length=40,
    ),
    Boolean(
        name="accept_late",
        description=(
            "Book the soonest arrival even when it misses the attend target "
            "(otherwise 409 attend_target_missed, naming who could come soonest)"
        ),
        default=False,
    ),
)
ROTA = (Day(name="date", description="The day (London); default: today"),)
DUTY = (
    Integer(
        name="operative_id", description="Who is on call", low=1, high=2147483647, required=True
    ),
    Moment(name="starts_at", description="When the duty begins", required=True),
    Moment(name="ends_at", description="When it ends (at most 24 hours later)", required=True),
    Listed(name="trades", description="Trades of theirs on call", values=TRADES, required=True),
    Array(name="patches", description="Patches covered (empty: the whole city)", max_items=20),
    Integer(name="max_callouts", description="Call-outs the duty may take", low=1, high=20),
)
REPLAN = (
    Day(
        name="day", description="The day to re-plan: after today, inside the horizon", required=True
    ),
    Text(
        name="idempotency_key",
        description="The same key answers with the same re-plan",
        pattern=IDENTIFIER,
        min_length=8,
        max_length=80,
    ),
    Number(name="time_limit_seconds", description="How long the solver may run", low=1, high=600),
)
EVENT = (
    Text(
        name="id",
        description="The event's own id",
        pattern=IDENTIFIER,
        min_length=1,
        max_length=80,
        required=True,
    ),
    Choice(name="kind", description="What happened", values=EVENT_KINDS, required=True),
    Moment(name="occurred_at", description="When it happened (default: now)"),
    Text(name="note", description="A note from the field", max_length=500, default=""),
)


def is_booking_reference(reference: str) -> bool:
    return re.fullmatch(BOOKING_REFERENCE, reference) is not None


def refuse(errors: dict[str, str]) -> None:
    if errors:
        raise InvalidJob("some values are not valid", errors)


def json_body(fields: tuple[Field, ...]) -> tuple[dict, dict]:
    """The request's JSON object read through ``fields``, and an error per bad member.

    A member the document does not declare is refused: a misspelt optional field (an
    ``occured_at``) would otherwise be dropped in silence and change what was meant.
    """
    if not request.is_json:
        raise UnsupportedMediaType()
    try:
        data = request.get_json()
    except BadRequest:
        raise BadRequest("the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise InvalidJob("send a JSON object", {"body": "must be a JSON object"})
    values, errors = read(fields, data, query=False)
    known = {f.name for f in fields}
    errors |= {name: "is not a field of this request" for name in data if name not in known}
    return values, errors


def read_query(fields: tuple[Field, ...]) -> tuple[dict, dict]:
    """The request's query read through ``fields``; undeclared parameters are ignored."""
    return read(fields, request.args, query=True)


def checked_body(fields: tuple[Field, ...]) -> dict:
    values, errors = json_body(fields)
    refuse(errors)
    return values


@dataclass(frozen=True)
class JobRequest:
    job: Job
    limit: int
    idempotency_key: str | None = None
    accept_late: bool = False


def duty_request() -> OnCallDuty:
    """The duty a ``POST /oncall/duties`` body describes."""
    values = checked_body(DUTY)
    return OnCallDuty(
        operative_id=values["operative_id"],
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        trades=frozenset(values["trades"]),
        patches=frozenset(values["patches"] or ()),
        max_callouts=values["max_callouts"],
    )


def _located(values: dict, errors: dict) -> None:
    has_point = values["latitude"] is not None and values["longitude"] is not None
    if not has_point and not values["uprn"] and not errors.keys() & {"latitude", "longitude"}:
        errors["latitude"] = "give a latitude and longitude, or a UPRN"


def offer_request(settings: Settings) -> JobRequest:
    """The job a ``GET /slots`` query describes."""
    values, errors = read((*slot_query(settings), *LOCATION), request.args, query=True)
    _located(values, errors)
    refuse(errors)
    job = Job(
        reference=values["job_reference"],
        trade=values["trade"],
        duration_minutes=values["duration"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        priority=values["priority"],
        earliest=values["earliest"],
        latest=values["latest"],
        preferred_days=frozenset(WEEKDAYS.index(d) for d in values["preferred_days"] or ()),
        preferred_windows=frozenset(values["preferred_windows"] or ()),
        uprn=values["uprn"],
    )
    return JobRequest(job, values["limit"])


def dispatch_request() -> JobRequest:
    """The emergency a ``POST /dispatches`` body describes."""
    values, errors = json_body(DISPATCH)
    _located(values, errors)
    refuse(errors)
    job = Job(
        reference=values["job_reference"],
        trade=values["trade"],
        duration_minutes=values["duration"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        priority=values["priority"],
        uprn=values["uprn"],
        patch=values["patch"],
    )
    return JobRequest(job, 1, values["idempotency_key"], values["accept_late"])
