"""Each HTTP API honours its own OpenAPI document, as Schemathesis judges it.

A live server on 127.0.0.1 (a free port) serves the test database with a small demo city
seeded into it; Schemathesis runs as a separate process, as `st run` would by hand, with
every check, a fresh token and a bounded number of examples. Any failure fails the test
with Schemathesis's own report, which shows how to replay each case.

Settings shared with runs by hand live in ``schemathesis.toml`` at the repository root.
``SCHEMATHESIS_SEED`` and ``SCHEMATHESIS_EXAMPLES`` widen or move the search.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from repairs.seed import seed_city
from tests.scheduling.conftest import issue_token

ROOT = Path(__file__).resolve().parents[2]
# (OpenAPI document, base path of its operations): one line per API.
APIS = [
    ("/scheduling/v1/openapi.json", "/scheduling/v1"),
    ("/api/v1/openapi.json", "/api/v1"),
]
# Enough to reach every operation's happy and unhappy paths (the stateful phase books,
# rebooks and cancels through the document's links) in well under a minute.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "30"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "2026"))


@pytest.fixture
def demo_city(app) -> None:
    """500 homes and a month of history: operatives, absences and booked days to plan around."""
    seed_city(app.extensions["database"].engine, homes=500, history_days=30)


@pytest.mark.slow
@pytest.mark.parametrize(("document", "base"), APIS)
def test_the_api_honours_its_openapi_document(app, live_server, demo_city, document, base):
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(ROOT / "schemathesis.toml"),
        "run",
        f"{live_server}{document}",
        "--url",
        f"{live_server}{base}",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(SEED),
        "--no-color",
    ]
    env = {**os.environ, "SCHEDULING_API_TOKEN": issue_token(app, "schemathesis")}
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603  (our own interpreter, fixed arguments)
        command, capture_output=True, text=True, env=env, timeout=600, check=False
    )
    report = result.stdout + result.stderr
    print(report)
    print(f"Schemathesis took {time.perf_counter() - started:.1f}s")
    assert result.returncode == 0, f"Schemathesis found failures in {document}:\n{report}"
    # Every operation the document declares was tested, none skipped or filtered out.
    selected = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", report)
    assert selected, report
    assert selected.group(1) == selected.group(2) == selected.group(3), report
