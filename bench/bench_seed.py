"""How long the full demo city takes to seed: 25,000 homes and a year of repairs.

Run with ``make bench-seed``. Uses a fresh SQLite file unless BENCH_DATABASE_URL names
another database (which it empties first).
"""

from __future__ import annotations

from demo_city import machine, seeded_database


def main() -> None:
    with seeded_database(history_days=365) as (url, report, elapsed):
        pass
    print(machine(url))
    for table, count in report.counts.items():
        print(f"  {table:<20} {count:>10,}")
    print(f"generate {report.timings['generate']:.1f}s, insert {report.timings['insert']:.1f}s")
    print(f"seed_full_year_seconds {elapsed:.1f} (goal: under 120)")


if __name__ == "__main__":
    main()
