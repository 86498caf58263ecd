"""The development transport: a message is "delivered" by writing it to the worker's log.

People trying the app read it there or on the development outbox page (``/dev/outbox``),
which lists every message with its status; nothing leaves the machine.
"""

from __future__ import annotations

import sys
from typing import TextIO

from repairs.messaging.transports import Accepted, Outgoing


class ConsoleTransport:
    name = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    def send(self, message: Outgoing) -> Accepted:
        stream = self._stream or sys.stdout
        stream.write(f"--- {message.channel} to {message.to} (message {message.id})\n")
        stream.write(f"{message.body}\n")
        stream.flush()
        return Accepted(f"console-{message.id}", "delivered")

    def find(self, message: Outgoing) -> Accepted | None:
        # Printing again is harmless: nobody receives a console message twice.
        return None
