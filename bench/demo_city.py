"""The demo city as benchmarks need it: migrated, seeded, and described with the machine."""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portal.database import make_engine
from portal.migrate import upgrade
from repairs.seed import SeedReport, seed_city


@contextmanager
def seeded_database(history_days: int) -> Iterator[tuple[str, SeedReport, float]]:
    """A freshly seeded city: a temporary SQLite file unless BENCH_DATABASE_URL names one.

    A named database is emptied and rebuilt, so never point this at data you want to keep.
    Yields the URL, the seed's report and the seconds seeding took.
    """
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        report = seed_city(engine, seed=2026, homes=25_000, history_days=history_days, reset=True)
        elapsed = time.perf_counter() - started
        engine.dispose()
        yield url, report, elapsed


def machine(url: str) -> str:
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, database {url.split(':')[0]}"
    )
