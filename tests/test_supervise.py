"""supervise.py (what `make run` starts): every process up together, Ctrl-C stops them all,
a crashed one is restarted, and one that keeps crashing stops the lot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from portal.config import ROOT

SLEEPER = f"{sys.executable} -c 'import time; print(\"up\", flush=True); time.sleep(600)'"


def _run(tmp_path, procfile: str, **env) -> subprocess.Popen:
    path = tmp_path / "Procfile"
    path.write_text(procfile)
    settings = {"SUPERVISE_BACKOFF": "0.1", "SUPERVISE_GRACE": "5"} | env
    return subprocess.Popen(
        [sys.executable, str(ROOT / "supervise.py"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ | settings,
    )


def _pids(output: str, name: str) -> list[int]:
    return [
        int(line.rsplit("pid ", 1)[1].rstrip(")"))
        for line in output.splitlines()
        if f"started {name} (pid" in line
    ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_for(process, text: str, timeout: float = 20) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while time.monotonic() < deadline and seen.count(text) < 2:
        line = process.stdout.readline()
        if not line:
            break
        seen += line
    return seen


def test_ctrl_c_stops_every_process(tmp_path):
    process = _run(tmp_path, f"web: {SLEEPER}\nworker: {SLEEPER}\n")
    seen = _wait_for(process, "| up")
    assert seen.count("| up") == 2, seen
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    pids = _pids(seen, "web") + _pids(seen, "worker")
    assert len(pids) == 2 and not any(_alive(pid) for pid in pids)
    assert "stopped" in rest


def test_a_crashed_process_is_restarted_and_one_that_keeps_crashing_stops_all(tmp_path):
    crasher = f"{sys.executable} -c 'import sys; print(\"boom\", flush=True); sys.exit(3)'"
    process = _run(tmp_path, f"web: {SLEEPER}\nworker: {crasher}\n", SUPERVISE_MAX_RESTARTS="2")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 1
    assert output.count("worker exited (3); restarting") == 2
    assert "worker keeps exiting (3): stopping all" in output
    assert not any(_alive(pid) for pid in _pids(output, "web"))


@pytest.mark.parametrize("text", ["", "just words\n", "web:\n"])
def test_a_malformed_procfile_is_refused(tmp_path, text):
    process = _run(tmp_path, text)
    output, _ = process.communicate(timeout=30)
    assert process.returncode != 0 and "Procfile" in output
