"""How fast the scheduling core offers ten slots, in process and over HTTP.

At the demo city's scale: 150 operatives in 12 trades, 25,000 homes, a 28-day horizon
and the seed's future appointments (about 4,500) already booked. Each new job is a real
home with a trade, duration and priority drawn from the seed's catalogue. Two loops:

- offers only: ``offer_slots(job, limit=10)`` for fresh jobs, nothing booked;
- offer then book: every job books the slot ranked first, so each following offer also
  pays for refreshing the in-memory roster from the change counter.

Run with ``make bench-scheduling``. Uses a fresh SQLite file unless BENCH_DATABASE_URL
names another database (which it empties first).
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
import uuid

from demo_city import machine, seeded_database
from sqlalchemy import select
from werkzeug.serving import WSGIRequestHandler, make_server

from portal import config as app_config
from portal import create_app
from portal.extensions import db
from portal.wiring import embedded_core_for  # noqa: E402
from repairs.models import Property
from repairs.seed.catalogue import CATEGORIES, PRIORITIES
from scheduling import Job, SlotUnavailable
from scheduling.embedded.tokens import create_token
from scheduling.http_client import HttpSchedulingCore

JOBS = int(os.environ.get("BENCH_JOBS", "400"))


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


def _jobs(homes: list[tuple[float, float]], count: int, rng: random.Random) -> list[Job]:
    categories = list(CATEGORIES)
    weights = [CATEGORIES[c][0] for c in categories]
    jobs = []
    while len(jobs) < count:
        _, trade, priority_weights, minutes, _ = CATEGORIES[rng.choices(categories, weights)[0]]
        priority = rng.choices(PRIORITIES, priority_weights)[0]
        if priority == "emergency":
            continue
        lat, lon = rng.choice(homes)
        jobs.append(Job(f"B-{uuid.uuid4().hex[:10]}", trade, minutes, lat, lon, priority))
    return jobs


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"p50 {statistics.median(ordered) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms"


def _measure(core, jobs: list[Job], book: bool, commit=None) -> tuple[list, list, int]:
    offers, books, booked = [], [], 0
    for job in jobs:
        started = time.perf_counter()
        slots = core.offer_slots(job, 10)
        offers.append(time.perf_counter() - started)
        if book and slots:
            started = time.perf_counter()
            try:
                core.book(slots[0].id, job.reference, f"bench-{job.reference}")
                if commit:
                    commit()
                booked += 1
            except SlotUnavailable:
                if commit:
                    db.session.rollback()
            books.append(time.perf_counter() - started)
    return offers, books, booked


def main() -> None:
    # Sixty days of history hold every appointment still to come (routine work is booked
    # up to 26 working days out), at a fraction of a full year's seeding time.
    with seeded_database(history_days=60) as (url, report, seeded):
        config = app_config.TestingConfig()
        config.DATABASE_URL = url
        config.SCHEDULING_HORIZON_DAYS = 28
        config.LOG_LEVEL = "WARNING"
        app = create_app(config)
        rng = random.Random(7)
        with app.app_context():
            homes = db.session.execute(select(Property.latitude, Property.longitude)).all()
            token = create_token(db.session, "bench")
            db.session.commit()
        warm, fresh, mixed, remote = (
            _jobs(homes, 30, rng),
            _jobs(homes, JOBS, rng),
            _jobs(homes, JOBS, rng),
            _jobs(homes, JOBS, rng),
        )

        with app.app_context():
            core = embedded_core_for(app)
            _measure(core, warm, book=False)
            in_offers, _, _ = _measure(core, fresh, book=False)
            mix_offers, mix_books, booked = _measure(core, mixed, True, db.session.commit)

        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        client = HttpSchedulingCore(f"http://127.0.0.1:{server.server_port}", token)
        _measure(client, warm, book=False)
        http_offers, _, _ = _measure(client, remote, book=False)
        server.shutdown()
        app.extensions["database"].engine.dispose()

    print(machine(url))
    print(
        f"demo city: 150 operatives, 25,000 homes, {report.counts['scheduling_booking']:,} "
        f"bookings already in the 28-day horizon (seeded in {seeded:.1f}s)"
    )
    print(f"offer 10 slots, in process   ({JOBS} jobs): {_ms(in_offers)}   (aim: p95 < 20 ms)")
    print(f"offer 10 slots, offer + book ({JOBS} jobs): {_ms(mix_offers)}")
    print(f"book the first slot, in process           : {_ms(mix_books)}   ({booked} booked)")
    print(f"offer 10 slots, over HTTP    ({JOBS} jobs): {_ms(http_offers)}")


if __name__ == "__main__":
    main()
