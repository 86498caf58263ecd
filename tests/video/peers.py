"""Two aiortc peers in one process, playing tenant and member of staff against a real
video service on a free port of 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web
from aiortc import RTCPeerConnection, RTCSessionDescription

from repairs.services.video import Ticket, sign_ticket
from video.app import create_app
from video.settings import Settings
from video.store import CallStore
from video.synthetic import Camera, Tone


def run_async(coro, timeout: float = 90):
    """Run ``coro`` on a fresh event loop in a thread of its own: the browser tests'
    Playwright keeps an event loop running on the main thread for the whole session."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coro, timeout)).result()


@contextlib.asynccontextmanager
async def running_service(
    settings: Settings, store: CallStore
) -> AsyncIterator[tuple[str, web.Application]]:
    app = create_app(settings, store)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        await runner.cleanup()


async def post(url: str, body: dict) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http, http.post(url, json=body) as response:
        return response.status, await response.json(content_type=None)


def ticket(settings: Settings, call_id: str, role: str, record: bool = False) -> str:
    return sign_ticket(settings.ticket_secret, Ticket(call_id, role, record))


class Peer:
    """One side of the call: the tenant sends camera and tone, staff send a tone."""

    def __init__(self, role: str, fps: int = 15) -> None:
        self.role = role
        self.pc = RTCPeerConnection()
        self.received: dict[str, asyncio.Future] = {}
        loop = asyncio.get_running_loop()
        for kind in ("audio", "video"):
            self.received[kind] = loop.create_future()

        @self.pc.on("track")
        def _track(track):
            if not self.received[track.kind].done():
                self.received[track.kind].set_result(track)

        if role == "tenant":
            self.pc.addTrack(Camera(640, 480, fps=fps))
            self.pc.addTrack(Tone())
        else:
            self.pc.addTransceiver("video", direction="recvonly")
            self.pc.addTrack(Tone())

    async def join(self, base: str, ticket_token: str) -> tuple[int, dict]:
        await self.pc.setLocalDescription(await self.pc.createOffer())
        offer = self.pc.localDescription
        status, body = await post(
            f"{base}/offer", {"ticket": ticket_token, "sdp": offer.sdp, "type": offer.type}
        )
        if status == 200:
            await self.pc.setRemoteDescription(RTCSessionDescription(body["sdp"], body["type"]))
        return status, body

    async def frames(self, kind: str, count: int, timeout: float = 20.0) -> list:
        track = await asyncio.wait_for(self.received[kind], timeout)
        return [await asyncio.wait_for(track.recv(), timeout) for _ in range(count)]

    async def close(self) -> None:
        await self.pc.close()


@contextlib.contextmanager
def service_in_thread(settings: Settings, store: CallStore):
    """The video service on its own event loop in a thread, beside a (threaded) web app."""
    import threading

    loop = asyncio.new_event_loop()
    ready = threading.Event()
    state: dict = {}

    def serve() -> None:
        asyncio.set_event_loop(loop)

        async def start() -> None:
            runner = web.AppRunner(create_app(settings, store), handle_signals=False)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            state["runner"], state["port"] = runner, site._server.sockets[0].getsockname()[1]

        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(20), "the video service did not start"
    try:
        yield f"http://127.0.0.1:{state['port']}"
    finally:
        asyncio.run_coroutine_threadsafe(state["runner"].cleanup(), loop).result(60)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
