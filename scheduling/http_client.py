"""The port over HTTP: a remote scheduling core, chosen by ``SCHEDULING_CORE_URL``.

Errors come back as problem+json with a ``code``; each maps to the port's own exception,
so callers handle a remote core exactly as they handle the embedded one. A core that does
not answer raises CoreUnavailable rather than hanging a tenant's page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import requests

from scheduling.port import (
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    DayNotPlannable,
    EventHub,
    InvalidJob,
    Job,
    KeyReused,
    NoOperativeAvailable,
    OperativeEvent,
    Replan,
    ReplanConflict,
    Slot,
    SlotUnavailable,
    UnknownPlace,
)
from scheduling.wire import (
    booking_from_json,
    dispatch_to_json,
    event_to_json,
    job_to_params,
    replan_from_json,
    slot_from_json,
)

ERRORS = {
    "slot_unavailable": SlotUnavailable,
    "booking_closed": BookingClosed,
    "no_operative": NoOperativeAvailable,
    "booking_not_found": BookingNotFound,
    "replan_conflict": ReplanConflict,
}
# Refusals that name fields, as the embedded core raises them.
FIELD_ERRORS = {
    "idempotency_key_reused": KeyReused,
    "uprn_not_found": UnknownPlace,
    "day_not_plannable": DayNotPlannable,
}
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

    def dispatch(self, job: Job, idempotency_key: str | None = None):
        """Dispatch an emergency through the remote core."""
        body = dispatch_to_json(job, idempotency_key or None)
        return booking_from_json(self._call("POST", "/dispatches", json=body))

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


def _path(reference: str) -> str:
    from urllib.parse import quote

    return quote(str(reference), safe="")
