"""The port over HTTP: a remote scheduling core, chosen by ``SCHEDULING_CORE_URL``.

Errors come back as problem+json with a ``code``; each maps to the port's own exception,
so callers handle a remote core exactly as they handle the embedded one. A core that does
not answer raises CoreUnavailable rather than hanging a tenant's page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import requests

from scheduling.port import (
    AttendTargetMissed,
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    DayNotPlannable,
    DutyInUse,
    DutyNotFound,
    DutyRefused,
    EventHub,
    InvalidJob,
    Job,
    KeyReused,
    NoOperativeAvailable,
    OnCallDuty,
    OperativeEvent,
    Replan,
    ReplanConflict,
    Rota,
    Slot,
    SlotUnavailable,
    UnknownPlace,
)
from scheduling.wire import (
    booking_from_json,
    dispatch_to_json,
    duty_from_json,
    duty_to_json,
    event_to_json,
    job_to_params,
    replan_from_json,
    rota_from_json,
    slot_from_json,
)

ERRORS = {
    "slot_unavailable": SlotUnavailable,
    "booking_closed": BookingClosed,
    "booking_not_found": BookingNotFound,
    "replan_conflict": ReplanConflict,
    "duty_not_found": DutyNotFound,
    "duty_in_use": DutyInUse,
}
# Refusals that name fields, as the embedded core raises them.
FIELD_ERRORS = {
    "idempotency_key_reused": KeyReused,
    "uprn_not_found": UnknownPlace,
    "day_not_plannable": DayNotPlannable,
    "duty_refused": DutyRefused,
}
# Emergencies nobody can attend in time: the problem says who could come soonest.
MISSED = {"attend_target_missed": AttendTargetMissed, "no_operative": NoOperativeAvailable}
# A re-plan runs the solver for up to its time limit before answering.
REPLAN_READ_TIMEOUT_MARGIN = 60.0


class HttpSchedulingCore:
    """``SchedulingCore`` against ``{base_url}/scheduling/v1``."""

    def __init__(self, base_url: str, token: str, timeout: tuple[float, float] = (3.0, 15.0)):
        self.base = base_url.rstrip("/") + "/scheduling/v1"
        self.timeout = timeout
        self.events = EventHub()
        self.http = requests.Session()
        self.http.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})

    def _call(self, method: str, path: str, timeout=None, **kwargs) -> dict:
        try:
            response = self.http.request(
                method, self.base + path, timeout=timeout or self.timeout, **kwargs
            )
        except requests.RequestException as error:
            raise CoreUnavailable(f"the scheduling core did not answer: {error}") from None
        if response.status_code < 300:
            try:
                return response.json()
            except ValueError:
                raise CoreUnavailable(
                    "the scheduling core answered with something not JSON"
                ) from None
        try:
            problem = response.json()
        except ValueError:
            problem = {}
        detail = problem.get("detail") or problem.get("title") or f"HTTP {response.status_code}"
        code = problem.get("code", "")
        if code in ERRORS:
            raise ERRORS[code](detail)
        if code in MISSED:
            raise _missed(MISSED[code], detail, problem)
        fields = {p.get("name", ""): p.get("reason", "") for p in problem.get("invalid_params", [])}
        if code in FIELD_ERRORS:
            raise FIELD_ERRORS[code](detail, fields)
        if response.status_code in (400, 422):
            raise InvalidJob(detail, fields)
        raise CoreUnavailable(f"the scheduling core answered {response.status_code}: {detail}")

    def offer_slots(self, job: Job, limit: int = 10) -> list[Slot]:
        """Slots from the remote core, best first."""
        data = self._call("GET", "/slots", params=job_to_params(job, limit))
        return [slot_from_json(s) for s in data["slots"]]

    def book(self, slot_id: str, job_reference: str, idempotency_key: str):
        """Book remotely; the idempotency key makes a retry after a lost answer safe."""
        body = {
            "slot_id": slot_id,
            "job_reference": job_reference,
            "idempotency_key": idempotency_key,
        }
        return booking_from_json(self._call("POST", "/bookings", json=body))

    def rebook(self, booking_reference: str, slot_id: str, idempotency_key: str):
        """Move a booking remotely, atomically on the core's side."""
        body = {"slot_id": slot_id, "idempotency_key": idempotency_key}
        return booking_from_json(
            self._call("POST", f"/bookings/{_path(booking_reference)}/rebook", json=body)
        )

    def cancel(self, booking_reference: str):
        """Cancel remotely."""
        return booking_from_json(self._call("POST", f"/bookings/{_path(booking_reference)}/cancel"))

    def get_booking(self, booking_reference: str):
        """Read a booking from the remote core."""
        return booking_from_json(self._call("GET", f"/bookings/{_path(booking_reference)}"))

    def dispatch(self, job: Job, idempotency_key: str | None = None, accept_late: bool = False):
        """Dispatch an emergency through the remote core."""
        body = dispatch_to_json(job, idempotency_key or None, accept_late)
        return booking_from_json(self._call("POST", "/dispatches", json=body))

    def rota(self, day: date) -> Rota:
        """Who is on call on ``day``, from the remote core."""
        return rota_from_json(self._call("GET", "/oncall", params={"date": day.isoformat()}))

    def add_duty(self, duty: OnCallDuty) -> OnCallDuty:
        """Put an operative on call on the remote core."""
        body = {k: v for k, v in duty_to_json(duty).items() if k in DUTY_FIELDS and v is not None}
        return duty_from_json(self._call("POST", "/oncall/duties", json=body))

    def remove_duty(self, duty_id: int) -> OnCallDuty:
        """Take a duty off the remote core's rota."""
        return duty_from_json(self._call("DELETE", f"/oncall/duties/{_path(duty_id)}"))

    def report_event(self, event: OperativeEvent):
        """Pass a field event to the remote core, then to local subscribers."""
        booking = booking_from_json(
            self._call(
                "POST",
                f"/bookings/{_path(event.booking_reference)}/events",
                json=event_to_json(event),
            )
        )
        self.events.publish(
            replace(
                event, job_reference=booking.job_reference, operative_id=booking.slot.operative_id
            )
        )
        return booking

    def replan(
        self, day: date, idempotency_key: str | None = None, time_limit_seconds: float | None = None
    ) -> Replan:
        """Ask the remote core to re-plan a day. A core that plans its days for itself
        answers ``self_planned`` and changes nothing."""
        body: dict = {"day": day.isoformat()}
        if idempotency_key:
            body["idempotency_key"] = idempotency_key
        if time_limit_seconds:
            body["time_limit_seconds"] = time_limit_seconds
        wait = (time_limit_seconds or self.timeout[1]) + REPLAN_READ_TIMEOUT_MARGIN
        data = self._call("POST", "/replans", json=body, timeout=(self.timeout[0], wait))
        return replan_from_json(data)


DUTY_FIELDS = ("operative_id", "starts_at", "ends_at", "trades", "patches", "max_callouts")


def _missed(kind: type[AttendTargetMissed], detail: str, problem: dict) -> AttendTargetMissed:
    def moment(name: str) -> datetime | None:
        try:
            return datetime.fromisoformat(problem[name]) if problem.get(name) else None
        except (TypeError, ValueError):
            return None

    return kind(
        detail,
        attend_by=moment("attend_by"),
        make_safe_by=moment("make_safe_by"),
        earliest_arrival=moment("earliest_arrival"),
        operative_id=problem.get("operative_id"),
        on_call=bool(problem.get("on_call", False)),
    )


def _path(reference: str) -> str:
    from urllib.parse import quote

    return quote(str(reference), safe="")
