"""The calls this node is carrying, and every peer connection in them.

A call has at most one tenant and one member of staff. The tenant's camera and
microphone are sources relayed (``MediaRelay``) to the staff member's connection and,
with consent, to the recorder; the staff member's microphone is relayed to the tenant.
A connection is closed when it fails, when it does not connect in time, and when the
service shuts down; a call ends when staff hang up, at the maximum length, or when it
has stood empty for the connect timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRelay

from repairs.services.video import Ticket, recording_key
from video.logs import current_call
from video.recorder import Recorder
from video.settings import Settings
from video.store import CallStore
from video.tracks import Forwarder

log = logging.getLogger("video.calls")

# Which sources each side receives, by the kind of its transceivers.
RECEIVES = {
    "tenant": {"audio": "staff_audio"},
    "staff": {"video": "tenant_video", "audio": "tenant_audio"},
}


class Busy(Exception):
    """This node carries as many calls as it may."""


class Over(Exception):
    """The call is ending on this node."""


class Call:
    def __init__(self, call_id: str, registry: Registry) -> None:
        self.id = call_id
        self.registry = registry
        self.relay = MediaRelay()
        self.peers: dict[str, RTCPeerConnection] = {}
        self.sources: dict[str, object] = {}
        self.consumers: dict[str, list[Forwarder]] = {}
        self.recorder: Recorder | None = None
        self.record = False
        self.tenant_connected = False
        # Set once the call starts ending; it stays in the registry until that is done.
        self.ending: asyncio.Future | None = None
        self.timers: dict[str, asyncio.Task] = {}
        self.started = time.monotonic()

    def forwarder(self, source: str, kind: str) -> Forwarder:
        track = Forwarder(kind)
        self.consumers.setdefault(source, []).append(track)
        if source in self.sources:
            track.feed(self.relay.subscribe(self.sources[source], buffered=kind == "audio"))
        return track

    def set_source(self, name: str, track) -> None:
        self.sources[name] = track
        for consumer in self.consumers.get(name, []):
            if consumer.readyState == "live":
                consumer.feed(self.relay.subscribe(track, buffered=consumer.kind == "audio"))

    def after(self, name: str, seconds: float, action) -> None:
        """Run ``action`` in ``seconds`` unless cancelled (one timer per name)."""
        self.cancel(name)

        async def wait():
            await asyncio.sleep(seconds)
            await action()

        self.timers[name] = asyncio.ensure_future(wait())

    def cancel(self, name: str) -> None:
        timer = self.timers.pop(name, None)
        if timer is not None and timer is not asyncio.current_task():
            timer.cancel()


class Registry:
    def __init__(self, settings: Settings, store: CallStore) -> None:
        self.settings = settings
        self.store = store
        self.calls: dict[str, Call] = {}
        servers = settings.ice.servers(now=time.time(), user="video-node", lifetime=86_400)
        self.configuration = RTCConfiguration(
            iceServers=[
                RTCIceServer(urls=list(s.urls), username=s.username, credential=s.credential)
                for s in servers
            ]
        )

    @property
    def peer_count(self) -> int:
        return sum(len(call.peers) for call in self.calls.values())

    def _call_for(self, call_id: str) -> Call:
        call = self.calls.get(call_id)
        if call is not None and call.ending is not None:
            raise Over
        if call is None:
            if len(self.calls) >= self.settings.max_calls:
                raise Busy
            call = self.calls[call_id] = Call(call_id, self)
            # Waiting for a tenant who never comes is limited too (the call is then only
            # forgotten); the call's own clock starts again when the tenant connects.
            call.after(
                "time_limit",
                self.settings.max_call_seconds,
                lambda: self.end(call, "time_limit" if call.tenant_connected else None),
            )
            log.info(
                "call opened (%d of %d on this node)", len(self.calls), self.settings.max_calls
            )
        return call

    async def answer(self, ticket: Ticket, sdp: str, kind: str) -> RTCSessionDescription:
        """Answer one side's offer; raises ``Busy`` when a new call would be one too many."""
        current_call.set(ticket.call_id)
        call = self._call_for(ticket.call_id)
        old = call.peers.pop(ticket.role, None)
        if old is not None:
            log.info("%s rejoined: closing the old connection", ticket.role)
            await old.close()
        pc = RTCPeerConnection(self.configuration)
        call.peers[ticket.role] = pc
        call.cancel("empty")
        if ticket.role == "tenant":
            call.record = ticket.record
        self._watch(call, ticket.role, pc)
        try:
            await pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type=kind))
            kinds = {t.kind for t in pc.getTransceivers()}
            for kind, source in RECEIVES[ticket.role].items():
                if kind in kinds:
                    pc.addTrack(call.forwarder(source, kind))
            await pc.setLocalDescription(await pc.createAnswer())
        except Exception:
            await self.drop(call, ticket.role, pc, "the offer could not be answered")
            if not call.peers and not call.tenant_connected:
                await self.end(call, None)
            raise
        call.after(
            f"connect_{ticket.role}",
            self.settings.connect_seconds,
            lambda: self._timeout(call, ticket.role, pc),
        )
        log.info("%s offer answered", ticket.role)
        return pc.localDescription

    def _watch(self, call: Call, role: str, pc: RTCPeerConnection) -> None:
        @pc.on("connectionstatechange")
        async def _state():
            log.info("%s connection %s", role, pc.connectionState)
            if pc.connectionState == "connected":
                call.cancel(f"connect_{role}")
                if role == "tenant" and not call.tenant_connected:
                    call.tenant_connected = True
                    call.after(
                        "time_limit",
                        self.settings.max_call_seconds,
                        lambda: self.end(call, "time_limit"),
                    )
                    await self.store.connected(call.id)
            elif pc.connectionState in ("failed", "closed"):
                await self.drop(call, role, pc, f"connection {pc.connectionState}")

        @pc.on("track")
        def _track(track):
            log.info("%s sends %s", role, track.kind)
            call.set_source(f"{role}_{track.kind}", track)
            if role == "tenant" and call.record and call.recorder is None:
                self._start_recording(call)

    def _start_recording(self, call: Call) -> None:
        path = self.settings.recordings_dir / recording_key(call.id)
        call.recorder = Recorder(
            path, call.forwarder("tenant_video", "video"), call.forwarder("tenant_audio", "audio")
        )
        call.recorder.start()
        log.info("recording with the tenant's consent")

    async def _timeout(self, call: Call, role: str, pc: RTCPeerConnection) -> None:
        if pc.connectionState != "connected":
            await self.drop(call, role, pc, "did not connect in time")

    async def drop(self, call: Call, role: str, pc: RTCPeerConnection, why: str) -> None:
        """Close one side's connection; a call left empty ends after the connect timeout."""
        if call.peers.get(role) is pc:
            del call.peers[role]
            log.info("%s connection closed: %s", role, why)
        await pc.close()
        if not call.peers and call.ending is None:
            # Before the tenant's camera ever connected there is nothing to end: the call
            # is only forgotten here, and either side may still come (back) to it.
            reason = "tenant_left" if call.tenant_connected else None
            call.after("empty", self.settings.connect_seconds, lambda: self.end(call, reason))

    async def end(self, call: Call, reason: str | None) -> None:
        """End ``call``: close its connections, finish the recording, tell the repairs
        (unless ``reason`` is None: a call whose tenant never connected is only dropped).

        The work runs in a task of its own, shielded: a timer cancelled on the way, or a
        shutdown, still waits for the repairs to hear how the call ended."""
        if call.ending is None:
            call.ending = asyncio.ensure_future(self._finish(call, reason))
        await asyncio.shield(call.ending)

    async def _finish(self, call: Call, reason: str | None) -> None:
        current_call.set(call.id)
        for name in list(call.timers):
            call.cancel(name)
        for role, pc in list(call.peers.items()):
            call.peers.pop(role, None)
            await pc.close()
        for consumers in call.consumers.values():
            for track in consumers:
                track.stop()
        size = await call.recorder.stop() if call.recorder is not None else 0
        seconds = time.monotonic() - call.started
        try:
            if reason is None:
                log.info("call dropped after %.0f s: the tenant never connected", seconds)
                return
            log.info("call ended (%s) after %.0f s; recording %d bytes", reason, seconds, size)
            key = recording_key(call.id) if size else None
            await self.store.ended(call.id, reason, key, size or None)
        finally:
            self.calls.pop(call.id, None)

    async def close_all(self, reason: str = "shutdown") -> None:
        for call in list(self.calls.values()):
            with contextlib.suppress(Exception):
                await self.end(call, reason)
