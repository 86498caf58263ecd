"""Run every process of a Procfile together, and stop them together (``make run``).

    python supervise.py Procfile

Each line ``name: command`` is one process (``${VAR}`` taken from the environment). Their
output is interleaved, each line prefixed with the process's name. Ctrl-C (or SIGTERM)
stops them all: SIGTERM first, SIGKILL for any still running after ``SUPERVISE_GRACE``
seconds. A process that exits by itself is restarted after a short, growing pause; one
that exits more than ``SUPERVISE_MAX_RESTARTS`` times within a minute stops everything,
and this exits 1, so a broken set-up (a port already taken) never loops for ever.

Standard library only: it must run before anything else is installed right.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

GRACE = float(os.environ.get("SUPERVISE_GRACE", "10"))
MAX_RESTARTS = int(os.environ.get("SUPERVISE_MAX_RESTARTS", "5"))
WINDOW = float(os.environ.get("SUPERVISE_WINDOW", "60"))
BACKOFF = float(os.environ.get("SUPERVISE_BACKOFF", "1"))


@dataclass
class Child:
    name: str
    command: str
    process: subprocess.Popen | None = None
    exits: list[float] = field(default_factory=list)
    restart_at: float | None = None


def read_procfile(path: str) -> list[Child]:
    children = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, command = line.partition(":")
            if not sep or not name.strip() or not command.strip():
                raise SystemExit(f"{path}:{number}: expected 'name: command'")
            children.append(Child(name.strip(), command.strip()))
    if not children:
        raise SystemExit(f"{path}: no processes")
    return children


class Supervisor:
    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.width = max(len(c.name) for c in children)
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def say(self, name: str, text: str) -> None:
        with self.lock:
            sys.stdout.write(f"{name.ljust(self.width)} | {text}")
            sys.stdout.flush()

    def start(self, child: Child) -> None:
        argv = shlex.split(os.path.expandvars(child.command))
        # Its own session: Ctrl-C reaches only us, and we stop each child as a whole group.
        child.process = subprocess.Popen(  # noqa: S603 (the operator's own Procfile)
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            start_new_session=True,
        )
        child.restart_at = None
        self.say("supervise", f"started {child.name} (pid {child.process.pid})\n")
        threading.Thread(target=self._pipe, args=(child, child.process), daemon=True).start()

    def _pipe(self, child: Child, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.say(child.name, line)

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: self.stopping.set())
        for child in self.children:
            self.start(child)
        code = 0
        while not self.stopping.wait(0.2):
            if not self._watch():
                code = 1
                break
        self.stop_all()
        return code

    def _watch(self) -> bool:
        """Restart what has exited; False when something keeps failing."""
        now = time.monotonic()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at:
                    self.start(child)
                continue
            status = child.process.poll()
            if status is None:
                continue
            child.exits = [t for t in child.exits if now - t < WINDOW] + [now]
            if len(child.exits) > MAX_RESTARTS:
                self.say("supervise", f"{child.name} keeps exiting ({status}): stopping all\n")
                return False
            pause = BACKOFF * 2 ** (len(child.exits) - 1)
            self.say("supervise", f"{child.name} exited ({status}); restarting in {pause:g}s\n")
            child.restart_at = now + pause
        return True

    def stop_all(self) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in running:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + GRACE
        for process in running:
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
        self.say("supervise", "stopped\n")


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python supervise.py Procfile")
    sys.exit(Supervisor(read_procfile(sys.argv[1])).run())
