"""How fast the bot answers Twilio: the signed inbound webhook, request by request.

At the demo city's scale (25,000 homes, every household's mobile, a month of repair
history and the operatives' diaries): each conversation is one household texting as a
tenant does (HELP, STATUS, a description, a slot, CHANGE, another slot, CANCEL, YES),
and each message is also delivered a second time, as Twilio may, to time the replay.
Every request is signed with Twilio's own RequestValidator and checked by the app.

Times are in process, through the WSGI app (Flask's test client): signature check,
storage, triage, slots, booking, TwiML, commit; no network and no web server. The aim
is a p95 under 150 ms. ``process time`` is the CPU this process used, which a busy
shared machine inflates less than the wall clock.

Run with ``make bench-bot``; BENCH_CONVERSATIONS (default 60) and BENCH_HISTORY_DAYS
(default 30) change the work; BENCH_DATABASE_URL runs it on another database (emptied).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections import defaultdict
from datetime import date

from demo_city import machine, seeded_database
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from portal import config as app_config
from portal import create_app
from portal.extensions import db
from repairs.models import Person, Tenancy, TenancyMember

CONVERSATIONS = int(os.environ.get("BENCH_CONVERSATIONS", "60"))
HISTORY_DAYS = int(os.environ.get("BENCH_HISTORY_DAYS", "30"))
TOKEN = "bench-auth-token-0123456789abcdef"
BASE = "https://repairs.example.org"
PATH = "/bot/twilio/inbound"
DESCRIPTIONS = [
    "the kitchen tap is dripping all the time",
    "bathroom extractor fan not working",
    "bedroom door handle has come off",
    "the toilet seat is broken",
    "cupboard door hanging off in the kitchen",
    "black mould on the bedroom wall by the window",
    "radiator in the living room is cold",
    "the fence panel blew down in the wind",
]
SCRIPT = ["help", "status", None, "1", "change", "2", "cancel", "yes"]
KINDS = ["help", "status", "report", "book", "change", "rebook", "cancel", "confirm"]


def _tenants(limit: int) -> list[str]:
    today = date.today()
    rows = db.session.execute(
        select(Person.mobile, Tenancy)
        .join(TenancyMember, TenancyMember.person_id == Person.id)
        .join(Tenancy, Tenancy.id == TenancyMember.tenancy_id)
        .where(TenancyMember.role == "lead", Person.mobile.is_not(None))
        .order_by(Person.id)
        .limit(limit * 3)
    ).all()
    seen = dict.fromkeys(mobile for mobile, tenancy in rows if tenancy.is_current(today))
    return list(seen)[:limit]


def _post(client, sender: str, body: str, sid: str):
    form = {
        "MessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+441154960999",
        "Body": body,
        "NumMedia": "0",
    }
    signature = RequestValidator(TOKEN).compute_signature(BASE + PATH, form)
    started, cpu = time.perf_counter(), time.process_time()
    response = client.post(PATH, data=form, headers={"X-Twilio-Signature": signature})
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    assert response.status_code == 200, response.get_data(as_text=True)
    return elapsed, used


def _at(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _line(name: str, samples: list[tuple[float, float]]) -> str:
    wall = [w for w, _ in samples]
    cpu = [c for _, c in samples]
    return (
        f"{name:<8} n={len(samples):>4}  wall p50 {statistics.median(wall) * 1000:6.1f}"
        f"  p95 {_at(wall, 0.95):6.1f}  p99 {_at(wall, 0.99):6.1f}  max {max(wall) * 1000:6.1f}"
        f"  | cpu p50 {statistics.median(cpu) * 1000:5.1f}  p95 {_at(cpu, 0.95):5.1f} (ms)"
    )


def main() -> None:
    with seeded_database(HISTORY_DAYS) as (url, report, seconds):
        print(f"seeded in {seconds:.1f} s ({HISTORY_DAYS} days of history); {machine(url)}")
        config = app_config.TestingConfig()
        config.DATABASE_URL = url
        config.TWILIO_AUTH_TOKEN = TOKEN
        config.PUBLIC_BASE_URL = BASE
        config.LOG_LEVEL = "WARNING"
        app = create_app(config)
        client = app.test_client()
        with app.app_context():
            mobiles = _tenants(CONVERSATIONS + 1)
        times: dict[str, list[tuple[float, float]]] = defaultdict(list)
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        for n, mobile in enumerate(mobiles):
            for kind, body in zip(KINDS, SCRIPT, strict=True):
                text = body if body is not None else DESCRIPTIONS[n % len(DESCRIPTIONS)]
                sid = "SM" + uuid.uuid4().hex
                first = _post(client, mobile, text, sid)
                again = _post(client, mobile, text, sid)
                if n == 0:
                    continue  # the first conversation warms the caches
                times[kind].append(first)
                times["replay"].append(again)
        cpu, wall = time.process_time() - cpu_started, time.perf_counter() - wall_started
        everything = [t for kind, samples in times.items() if kind != "replay" for t in samples]
        print(f"{len(mobiles) - 1} conversations, {len(everything)} messages and as many replays")
        for kind in [*KINDS, "replay"]:
            print(_line(kind, times[kind]))
        print(_line("all", everything))
        print(f"process time {cpu:.1f} s of {wall:.1f} s wall clock")
        app.extensions["database"].engine.dispose()


if __name__ == "__main__":
    main()
