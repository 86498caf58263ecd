"""How long the full demo city takes to seed: 25,000 homes and a year of repairs.

Run with ``make bench-seed``. Uses a fresh SQLite file unless BENCH_DATABASE_URL names
another database (which it empties first).
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

from portal.database import make_engine
from portal.migrate import upgrade
from repairs.seed import seed_city


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        report = seed_city(engine, seed=2026, homes=25_000, history_days=365, reset=True)
        elapsed = time.perf_counter() - started
        engine.dispose()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, database {url.split(':')[0]}"
    )
    for table, count in report.counts.items():
        print(f"  {table:<20} {count:>10,}")
    print(f"generate {report.timings['generate']:.1f}s, insert {report.timings['insert']:.1f}s")
    print(f"seed_full_year_seconds {elapsed:.1f} (goal: under 120)")


if __name__ == "__main__":
    main()
