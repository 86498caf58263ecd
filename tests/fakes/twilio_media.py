"""A fake of Twilio's media API: a message's photos behind the account's credentials.

``GET /2010-04-01/Accounts/{sid}/Messages/{message}/Media/{media}`` answers 401 without
the right HTTP basic credentials, as Twilio does, then redirects to the file under
another host name, as Twilio redirects to its file store. Each request is recorded, with the
credentials it carried, so a test can prove what was sent where.
"""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    path: str
    authorization: str | None


@dataclass
class FakeTwilioMedia:
    account_sid: str
    auth_token: str
    base_url: str = ""
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    # Answer this status instead of the file (503 for a provider that is down).
    fail_with: int | None = None

    def add(self, message: str, media: str, data: bytes, content_type: str) -> str:
        """Serve ``data`` as one media item; returns its URL as Twilio would give it."""
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{message}/Media/{media}"
        self.files[path] = (data, content_type)
        return self.base_url + path


def _handler(fake: FakeTwilioMedia):
    expected = "Basic " + base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode()).decode(
        "ascii"
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            fake.seen.append(Seen(self.path, self.headers.get("Authorization")))
            if self.path.startswith("/files/"):
                self._file(self.path.removeprefix("/files"))
                return
            if fake.fail_with:
                self._answer(fake.fail_with, b"unavailable", "text/plain")
            elif self.headers.get("Authorization") != expected:
                self._answer(401, b'{"message": "Authenticate"}', "application/json")
            elif self.path not in fake.files:
                self._answer(404, b'{"message": "Not found"}', "application/json")
            else:
                self.send_response(307)
                # Another host name for the same server, as Twilio's file store is
                # another host: a client must not carry the credentials there.
                port = self.server.server_address[1]
                self.send_header("Location", f"http://localhost:{port}/files{self.path}")
                self.send_header("Content-Length", "0")
                self.end_headers()

        def _file(self, path: str) -> None:
            if path not in fake.files:
                self._answer(404, b"", "text/plain")
                return
            data, content_type = fake.files[path]
            self._answer(200, data, content_type)

        def _answer(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler


class Server:
    """Start ``fake`` on a free port of 127.0.0.1 for the length of a ``with`` block."""

    def __init__(self, fake: FakeTwilioMedia) -> None:
        self.fake = fake
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
        fake.base_url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeTwilioMedia:
        self.thread.start()
        return self.fake

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
