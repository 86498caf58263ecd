"""CPU and memory per concurrent recorded 480p call on the video service.

The service runs as it does in production, its own process (`flask video serve`), over a
scratch SQLite database; this script plays every tenant (a synthetic 640x480 camera and a
tone) and every member of staff (receiving the video, sending a tone) with aiortc, each
call's two peers in a process of their own, all calls recorded. For each number of
concurrent calls it measures the service's CPU time and resident memory over a steady
window, the frame rate staff receive, and the frames each recording holds. The peers use
CPU too (a VP8 encode and a decode per call) on the same cores, so the service's figures
are CPU time, fair under that load, and the frame rates show whether everyone kept up.

    make bench-video                     # 1, 2, 4 and 6 calls at 15 frames a second
    BENCH_VIDEO_CALLS=4 BENCH_VIDEO_FPS=30 .venv/bin/python bench/bench_video.py
"""

from __future__ import annotations

import asyncio
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import av
import psutil
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.database import make_engine  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from repairs.models import Person, Property, Repair, StaffUser, Tenancy, VideoCall  # noqa: E402
from repairs.services.video import Ticket, recording_key, sign_ticket  # noqa: E402
from tests.video.peers import Peer, post  # noqa: E402

WARM_UP = float(os.environ.get("BENCH_VIDEO_WARMUP", 6))
WINDOW = float(os.environ.get("BENCH_VIDEO_WINDOW", 20))
FPS = int(os.environ.get("BENCH_VIDEO_FPS", 15))
COUNTS = [int(n) for n in os.environ.get("BENCH_VIDEO_CALLS", "1,2,4,6").split(",")]
RECORD = os.environ.get("BENCH_VIDEO_RECORD", "true") == "true"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_calls(url: str, count: int) -> list[str]:
    engine = make_engine(url)
    now = datetime.now(UTC)
    ids = []
    with Session(engine) as session:
        staff = StaffUser(email="bench@example", name="Bench", role="agent", password_hash="x")
        session.add(staff)
        for n in range(count):
            home = Property(
                uprn=f"{900_000_000_000 + n}",
                kind="house",
                address_line_1=f"{n} Bench Road",
                town="Nottingham",
                postcode="NG7 1AA",
                latitude=52.95,
                longitude=-1.17,
                patch="Central",
                bedrooms=2,
                floor=0,
            )
            person = Person(
                given_name="Bench",
                family_name=f"Tenant {n}",
                mobile=None,
                preferred_language="en",
                vulnerabilities=[],
            )
            session.add_all([home, person])
            session.flush()
            session.add(
                Tenancy(
                    reference=f"BB-{n:06d}",
                    property_id=home.id,
                    start_date=now.date() - timedelta(days=400),
                )
            )
            repair = Repair(
                reference=f"BENCH{n:04d}",
                property_id=home.id,
                reported_by_id=person.id,
                channel="web",
                description="bench",
                status="awaiting_appointment",
                reported_at=now,
                photos=[],
            )
            session.add(repair)
            session.flush()
            call_id = secrets.token_hex(12)
            session.add(
                VideoCall(
                    public_id=call_id,
                    repair_id=repair.id,
                    person_id=person.id,
                    started_by_id=staff.id,
                    status="joined",
                    invited_at=now,
                    link_expires_at=now + timedelta(hours=1),
                    link_used_at=now,
                    consent_to_record=True,
                    stills=[],
                    uploads=[],
                )
            )
            ids.append(call_id)
        session.commit()
    engine.dispose()
    return ids


async def wait_for_service(base: str) -> None:
    for _ in range(300):
        try:
            status, _ = await post(base + "/hangup", {})
            if status:
                return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError("the video service did not start")


async def health(base: str) -> dict:
    async with aiohttp.ClientSession() as http, http.get(base + "/healthz") as response:
        return await response.json()


async def client(base: str, secret: str, call_id: str, counts: Path) -> None:
    """One call's two peers, in a process of their own: they need a core's share too."""
    staff, tenant = Peer("staff"), Peer("tenant", fps=FPS)
    await staff.join(base, sign_ticket(secret, Ticket(call_id, "staff")))
    await tenant.join(base, sign_ticket(secret, Ticket(call_id, "tenant", RECORD)))
    track = await asyncio.wait_for(staff.received["video"], 60)
    frames = 0
    last = time.monotonic()
    while True:
        try:
            await track.recv()
        except Exception:
            break
        frames += 1
        if time.monotonic() - last > 0.5:
            counts.write_text(f"{frames} {time.monotonic()}")
            last = time.monotonic()
    await staff.close()
    await tenant.close()


def staff_frames(counts: list[Path]) -> list[tuple[int, float]]:
    values = []
    for path in counts:
        frames, at = path.read_text().split() if path.exists() else ("0", "0")
        values.append((int(frames), float(at)))
    return values


async def measure(base, secret, service, call_ids, tmp: Path) -> dict:
    counts = [tmp / f"{call_id}.count" for call_id in call_ids]
    clients = [
        subprocess.Popen([sys.executable, __file__, "--client", base, secret, call_id, str(path)])
        for call_id, path in zip(call_ids, counts, strict=True)
    ]
    for _ in range(600):
        if (await health(base))["calls"] == len(call_ids) and all(p.exists() for p in counts):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(WARM_UP)
    peers = [psutil.Process(p.pid) for p in clients]
    peer0 = sum(sum(p.cpu_times()[:2]) for p in peers)
    cpu0, wall0 = sum(service.cpu_times()[:2]), time.monotonic()
    before = staff_frames(counts)
    rss = []
    while time.monotonic() - wall0 < WINDOW:
        await asyncio.sleep(1)
        rss.append(service.memory_info().rss)
    cpu = sum(service.cpu_times()[:2]) - cpu0
    peer_cpu = sum(sum(p.cpu_times()[:2]) for p in peers) - peer0
    wall = time.monotonic() - wall0
    after = staff_frames(counts)
    fps = [(a[0] - b[0]) / max(a[1] - b[1], 1e-6) for a, b in zip(after, before, strict=True)]
    for call_id in call_ids:
        await post(base + "/hangup", {"ticket": sign_ticket(secret, Ticket(call_id, "staff"))})
    for process in clients:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
    return {"cpu": cpu / wall, "peers": peer_cpu / wall, "rss": max(rss), "fps": fps}


def recorded_fps(root: Path, call_ids: list[str]) -> list[float]:
    rates = []
    for call_id in call_ids:
        with av.open(str(root / recording_key(call_id))) as recording:
            frames = [f.time for f in recording.decode(video=0)]
        rates.append(len(frames) / max(frames[-1] - frames[0], 1e-6) if len(frames) > 1 else 0.0)
    return rates


def main() -> None:
    secret = secrets.token_urlsafe(32)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        call_ids = make_calls(url, sum(COUNTS))
        port = free_port()
        env = dict(
            os.environ,
            DATABASE_URL=url,
            VIDEO_TICKET_SECRET=secret,
            VIDEO_PORT=str(port),
            VIDEO_MAX_CALLS=str(max(COUNTS)),
            VIDEO_RECORDINGS_DIR=str(Path(tmp) / "recordings"),
            PUBLIC_BASE_URL="http://127.0.0.1:5000",
            LOG_LEVEL="WARNING",
            APP_ENV="testing",
        )
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "video", "serve"], cwd=ROOT, env=env
        )
        base = f"http://127.0.0.1:{port}"
        try:
            asyncio.run(wait_for_service(base))
            service = psutil.Process(server.pid)
            idle_rss = service.memory_info().rss
            print(
                f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
                f"{platform.python_version()}; tenant camera 640x480 at {FPS} frames/s, "
                f"{'recorded' if RECORD else 'not recorded'}; "
                f"{WINDOW:.0f} s window after {WARM_UP:.0f} s warm-up; "
                f"load average before: {os.getloadavg()[0]:.2f}"
            )
            print(f"service idle: {idle_rss / 2**20:.0f} MB resident")
            print(
                "calls | service CPU (cores) | per call | resident MB | per call | "
                "staff frames/s (min-max) | recorded frames/s (min-max) | peers' CPU (cores)"
            )
            start = 0
            for count in COUNTS:
                ids = call_ids[start : start + count]
                start += count
                result = asyncio.run(measure(base, secret, service, ids, Path(tmp)))
                time.sleep(2)
                recorded = recorded_fps(Path(tmp) / "recordings", ids) if RECORD else [0.0]
                print(
                    f"{count:5d} | {result['cpu']:19.2f} | {result['cpu'] / count:8.2f} | "
                    f"{result['rss'] / 2**20:11.0f} | "
                    f"{(result['rss'] - idle_rss) / 2**20 / count:8.0f} | "
                    f"{min(result['fps']):10.1f} - {max(result['fps']):4.1f}          | "
                    f"{min(recorded):10.1f} - {max(recorded):4.1f}             | "
                    f"{result['peers']:.2f}",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--client"]:
        base, secret, call_id, counts = sys.argv[2:6]
        asyncio.run(client(base, secret, call_id, Path(counts)))
    else:
        main()
