"""The video service's logs: one JSON object a line, each with the call it is about.

The call id lives in a context variable set when a request names a call; the tasks a
peer connection starts inherit it, so aiortc's and aioice's own lines carry it too.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar

current_call: ContextVar[str] = ContextVar("current_call", default="-")

log = logging.getLogger("video")


class CallIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "call_id"):
            record.call_id = current_call.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "call_id": getattr(record, "call_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


PLAIN = "%(asctime)s %(levelname)s %(name)s call=%(call_id)s %(message)s"


def configure(level: str = "INFO", as_json: bool = True) -> logging.Handler:
    """Send every logger's lines (ours, aiohttp's, aiortc's) to stderr with the call id."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(CallIdFilter())
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter(PLAIN))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aioice and aiortc are chatty at INFO about every candidate pair.
    for noisy in ("aioice", "aiortc"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return handler
