"""Twilio Messaging (SMS and WhatsApp) through the official ``twilio`` client.

``base_url`` points the client at another Twilio-compatible API (a local fake in tests).
Each thread has its own client, so the worker can send several messages at once. Every
message asks for status callbacks at ``status_callback``, with our own message id in the
query, so a callback can be matched even if the worker died before storing the
provider's id.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

import requests
from twilio.base.exceptions import (
    TwilioException,
    TwilioRestException,
    TwilioServiceException,
)
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from repairs.messaging.error_codes import CONFIGURATION_CODES, kind_for
from repairs.messaging.transports import Accepted, Outgoing, SendFailed

log = logging.getLogger("repairs.messaging")
REFUSALS = (TwilioRestException, TwilioServiceException)
# How far apart our clock and the provider's may be when matching an earlier attempt.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    base_url: str = ""
    sms_from: str = ""
    messaging_service_sid: str = ""
    whatsapp_from: str = ""
    status_callback: str = ""
    timeout: float = 10.0


class _HttpClient(TwilioHttpClient):
    """Keeps the Retry-After of a 429, which the client's exception does not carry."""

    retry_after: float | None = None

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        self.retry_after = None
        if response.status_code == 429:
            try:
                self.retry_after = max(0.0, float((response.headers or {}).get("Retry-After")))
            except (TypeError, ValueError):
                self.retry_after = 1.0
        return response


class TwilioTransport:
    name = "twilio"

    def __init__(self, settings: TwilioSettings) -> None:
        if not (settings.account_sid and settings.auth_token):
            raise ValueError("the Twilio transport needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
        self.settings = settings
        self._local = threading.local()

    def _client(self) -> tuple[Client, _HttpClient]:
        client = getattr(self._local, "client", None)
        if client is None:
            http = _HttpClient(timeout=self.settings.timeout)
            client = Client(self.settings.account_sid, self.settings.auth_token, http_client=http)
            if self.settings.base_url:
                client.api.base_url = self.settings.base_url.rstrip("/")
            self._local.client, self._local.http = client, http
        return client, self._local.http

    def _address(self, message: Outgoing) -> tuple[str, dict[str, str]]:
        s = self.settings
        if message.channel == "whatsapp":
            if not s.whatsapp_from:
                raise SendFailed("no WhatsApp sender", permanent=True, kind="no_whatsapp_sender")
            return f"whatsapp:{message.to}", {"from_": f"whatsapp:{s.whatsapp_from}"}
        if s.messaging_service_sid:
            return message.to, {"messaging_service_sid": s.messaging_service_sid}
        return message.to, {"from_": s.sms_from}

    def send(self, message: Outgoing) -> Accepted:
        client, http = self._client()
        to, sender = self._address(message)
        callback = None
        if self.settings.status_callback:
            callback = f"{self.settings.status_callback}?m={message.id}"
        try:
            sent = client.messages.create(
                to=to, body=message.body, status_callback=callback, **sender
            )
        except REFUSALS as error:
            raise _refused(error, http.retry_after) from None
        except (requests.RequestException, TwilioException) as error:
            raise _network(error) from None
        return Accepted(sent.sid, sent.status or "queued")

    def find(self, message: Outgoing) -> Accepted | None:
        client, http = self._client()
        to, sender = self._address(message)
        since = message.created_at - CLOCK_SKEW
        try:
            found = client.messages.list(to=to, limit=50)
        except REFUSALS as error:
            failure = _refused(error, http.retry_after)
            # Not knowing is never permanent: the message itself was not refused.
            raise SendFailed(failure.detail, code=failure.code, unsure=True) from None
        except (requests.RequestException, TwilioException) as error:
            raise _network(error) from None
        for record in found:
            created = record.date_created
            if record.body == message.body and (created is None or created >= since):
                return Accepted(record.sid, record.status or "queued")
        return None


def _refused(error: Exception, retry_after: float | None) -> SendFailed:
    status, code = int(getattr(error, "status", 0) or 0), getattr(error, "code", None)
    words = getattr(error, "msg", None) or getattr(error, "title", "")
    detail = f"HTTP {status} {code or ''} {words}".strip()[:300]
    if status == 429:
        return SendFailed(detail, code=code, retry_after=retry_after or 1.0)
    if status >= 500:
        # The provider may have created the message before failing: look before resending.
        return SendFailed(detail, code=code, unsure=True)
    if status in (401, 403) or code in CONFIGURATION_CODES:
        log.error("Twilio refused our credentials or sender", extra={"fields": {"code": code}})
        return SendFailed(detail, code=code)
    return SendFailed(detail, permanent=True, kind=kind_for(code), code=code)


def _network(error: Exception) -> SendFailed:
    # A connection never made never reached the provider; anything later might have.
    text = str(error)
    never_reached = isinstance(error, requests.ConnectTimeout) or (
        isinstance(error, requests.ConnectionError)
        and ("NewConnectionError" in text or "refused" in text.lower())
    )
    return SendFailed(f"{type(error).__name__}: {text[:200]}", unsure=not never_reached)
