"""A fake Twilio REST API: a real HTTP server on 127.0.0.1 that answers as Twilio's
Messages resource does, records every request, and fails on demand.

The official ``twilio`` client is pointed at it by ``TWILIO_API_BASE_URL``. Failures:
``fail_next(n, mode)`` for the next ``n`` requests, ``fail_until(moment, mode)`` for an
outage, ``refuse(number, code)`` for a number Twilio would refuse (21211, 21610, ...),
``undeliverable(number, code)`` for one it accepts but cannot deliver. Modes: "500",
"429" (with Retry-After), "timeout" (answer after the client gave up, without creating
the message) and "slow_create" (create it, then answer too late).

Run on its own (``python -m tests.fakes.twilio_api``) it prints its address and serves
until stopped; ``GET /_fake/messages`` then lists what it holds.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-twilio-auth-token"
E164 = re.compile(r"^(whatsapp:)?\+[1-9][0-9]{7,14}$")


@dataclass
class Recorded:
    method: str
    path: str
    form: dict[str, str]
    authorised: bool
    answered: int = 0


@dataclass
class Failure:
    mode: str
    retry_after: int = 1
    code: int | None = None


@dataclass
class FakeState:
    messages: dict[str, dict] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    outage: tuple[float, Failure] | None = None
    refused: dict[str, int] = field(default_factory=dict)
    undeliverable: dict[str, int] = field(default_factory=dict)
    callbacks: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0
    slow_seconds: float = 2.0


class FakeTwilio:
    """The server and what it holds; safe to read from the test while it serves."""

    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.state = FakeState()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    # -- running -----------------------------------------------------------------
    def start(self, port: int = 0) -> FakeTwilio:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _Server(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeTwilio:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- failing on demand ---------------------------------------------------------
    def fail_next(self, count: int, mode: str, *, retry_after: int = 1, code: int | None = None):
        with self.lock:
            self.state.failures.extend(Failure(mode, retry_after, code) for _ in range(count))

    def fail_until(self, moment: float, mode: str, *, retry_after: int = 1) -> None:
        """Every request fails in ``mode`` until ``time.monotonic()`` passes ``moment``."""
        with self.lock:
            self.state.outage = (moment, Failure(mode, retry_after))

    def refuse(self, number: str, code: int) -> None:
        self.state.refused[number] = code

    def undeliverable(self, number: str, code: int = 30003) -> None:
        self.state.undeliverable[number] = code

    def slow(self, seconds: float) -> None:
        """How long a "timeout" or "slow_create" answer takes."""
        self.state.slow_seconds = seconds

    def delay_every_request(self, seconds: float) -> None:
        self.state.delay = seconds

    # -- what happened -------------------------------------------------------------
    def created(self) -> list[dict]:
        with self.lock:
            return list(self.state.messages.values())

    def creates(self) -> list[Recorded]:
        with self.lock:
            return [r for r in self.state.requests if r.method == "POST"]

    def take_callbacks(self) -> list[tuple[str, dict[str, str]]]:
        """Status callbacks Twilio would now make (sent, then delivered or undelivered),
        each once; post them to the app with ``signed_callback``."""
        with self.lock:
            taken, self.state.callbacks = self.state.callbacks, []
        return taken

    def signature(self, url: str, params: dict[str, str]) -> str:
        return RequestValidator(self.auth_token).compute_signature(url, params)

    # -- answering -----------------------------------------------------------------
    def _next_failure(self) -> Failure | None:
        with self.lock:
            if self.state.outage is not None:
                until, failure = self.state.outage
                if time.monotonic() < until:
                    return failure
                self.state.outage = None
            if self.state.failures:
                return self.state.failures.pop(0)
        return None

    def _create(self, form: dict[str, str]) -> tuple[int, dict]:
        to = form.get("To", "")
        if not E164.match(to):
            return 400, _error(21211, f"The 'To' number {to} is not a valid phone number.")
        number = to.removeprefix("whatsapp:")
        if number in self.state.refused:
            code = self.state.refused[number]
            return 400, _error(code, f"Twilio refused the message ({code}).")
        if not (form.get("From") or form.get("MessagingServiceSid")):
            return 400, _error(21603, "A 'From' or 'MessagingServiceSid' parameter is required")
        if not form.get("Body"):
            return 400, _error(21602, "Message body is required.")
        now = datetime.now(UTC)
        sid = "SM" + secrets.token_hex(16)
        record = {
            "sid": sid,
            "account_sid": self.account_sid,
            "to": to,
            "from": form.get("From") or None,
            "messaging_service_sid": form.get("MessagingServiceSid") or None,
            "body": form["Body"],
            "status": "queued",
            "direction": "outbound-api",
            "num_segments": "1",
            "date_created": format_datetime(now, usegmt=True),
            "date_updated": format_datetime(now, usegmt=True),
            "date_sent": None,
            "error_code": None,
            "error_message": None,
            "price": None,
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }
        with self.lock:
            self.state.messages[sid] = record
            callback = form.get("StatusCallback")
            if callback:
                self._queue_callbacks(callback, record, number)
        return 201, record

    def _queue_callbacks(self, url: str, record: dict, number: str) -> None:
        base = {"MessageSid": record["sid"], "AccountSid": self.account_sid, "To": record["to"]}
        self.state.callbacks.append((url, base | {"MessageStatus": "sent"}))
        code = self.state.undeliverable.get(number)
        if code is None:
            self.state.callbacks.append((url, base | {"MessageStatus": "delivered"}))
        else:
            final = base | {"MessageStatus": "undelivered", "ErrorCode": str(code)}
            self.state.callbacks.append((url, final))

    def _list(self, query: dict[str, list[str]]) -> dict:
        to = (query.get("To") or [""])[0]
        size = int((query.get("PageSize") or ["50"])[0])
        with self.lock:
            rows = [m for m in self.state.messages.values() if not to or m["to"] == to]
        rows = list(reversed(rows))[:size]
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        return {
            "messages": rows,
            "first_page_uri": f"{path}?PageSize={size}&Page=0",
            "next_page_uri": None,
            "previous_page_uri": None,
            "page": 0,
            "page_size": size,
            "start": 0,
            "end": max(0, len(rows) - 1),
            "uri": f"{path}?PageSize={size}&Page=0",
        }


def _error(code: int, message: str, status: int = 400) -> dict:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A client that gave up (a timeout, a killed worker) is part of the game, not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's API offers
    # Headers and body leave in separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK add 40 ms to every answer, which Twilio's own API does not.
    disable_nagle_algorithm = True
    fake: FakeTwilio

    def log_message(self, *_args) -> None:  # quiet: tests read the record instead
        pass

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        expected = f"{self.fake.account_sid}:{self.fake.auth_token}".encode()
        return header == "Basic " + base64.b64encode(expected).decode()

    def _answer(self, status: int, payload: dict, headers: dict[str, str] | None = None):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _fail(self, failure: Failure, create: dict[str, str] | None) -> bool:
        if failure.mode == "500":
            self._answer(500, _error(20500, "Internal Server Error", 500))
        elif failure.mode == "429":
            self._answer(
                429,
                _error(20429, "Too Many Requests", 429),
                {"Retry-After": str(failure.retry_after)},
            )
        elif failure.mode in ("timeout", "slow_create"):
            if failure.mode == "slow_create" and create is not None:
                self.fake._create(create)
            self.fake.stopping.wait(self.fake.state.slow_seconds)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._answer(503, _error(20503, "Service Unavailable", 503))
        elif failure.mode == "code":
            self._answer(400, _error(failure.code or 21211, "Refused on demand"))
        else:
            return False
        return True

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        form = {k: v[-1] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        if parts.path.startswith("/_fake/"):
            self._answer(200, {"messages": self.fake.created()})
            return
        record = Recorded(method, parts.path, form, self._authorised())
        with self.fake.lock:
            self.fake.state.requests.append(record)
        if self.fake.state.delay:
            time.sleep(self.fake.state.delay)
        prefix = f"/2010-04-01/Accounts/{self.fake.account_sid}/Messages"
        if not record.authorised:
            record.answered = 401
            self._answer(401, _error(20003, "Authenticate", 401))
            return
        creating = method == "POST" and parts.path == prefix + ".json"
        failure = self.fake._next_failure()
        if failure is not None and self._fail(failure, form if creating else None):
            record.answered = -1
            return
        if creating:
            status, payload = self.fake._create(form)
        elif method == "GET" and parts.path == prefix + ".json":
            status, payload = 200, self.fake._list(parse_qs(parts.query))
        elif method == "GET" and parts.path.startswith(prefix + "/"):
            sid = parts.path.removeprefix(prefix + "/").removesuffix(".json")
            found = self.fake.state.messages.get(sid)
            status, payload = (200, found) if found else (404, _error(20404, "Not found", 404))
        else:
            status, payload = 404, _error(20404, "The requested resource was not found", 404)
        record.answered = status
        self._answer(status, payload)

    def do_GET(self) -> None:  # noqa: N802 (the handler's naming)
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")


if __name__ == "__main__":
    import sys

    fake = FakeTwilio().start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(fake.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()
