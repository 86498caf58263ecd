"""A track whose source may come later, go away and come back.

Either side can join a call first, and the tenant may reconnect; a peer connection
cannot be renegotiated over our one-shot HTTP signalling, so each outgoing track is a
``Forwarder`` that the call feeds from the ``MediaRelay`` whenever the source (the other
side's camera or microphone) appears. Until then it sends nothing.
"""

from __future__ import annotations

import asyncio

from aiortc.mediastreams import MediaStreamError, MediaStreamTrack


class Forwarder(MediaStreamTrack):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self._source: MediaStreamTrack | None = None
        self._wake = asyncio.Event()

    def feed(self, source: MediaStreamTrack) -> None:
        """Forward ``source`` from now on (a relay subscription; the old one is stopped)."""
        old, self._source = self._source, source
        if old is not None:
            old.stop()
        self._wake.set()

    async def recv(self):
        while True:
            if self.readyState != "live":
                raise MediaStreamError
            source = self._source
            if source is None:
                await self._wake.wait()
                self._wake.clear()
                continue
            frame = await self._next(source)
            if frame is not None:
                return frame

    async def _next(self, source: MediaStreamTrack):
        # Wait for a frame, or for the source to change under us (a stopped relay
        # subscription never answers again).
        self._wake.clear()
        getter = asyncio.ensure_future(source.recv())
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({getter, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            # Cancelled, never awaited: awaiting here could swallow our own cancellation
            # (a sender being stopped) and leave the peer connection unable to close.
            for task in (getter, waker):
                if not task.done():
                    task.cancel()
                elif not task.cancelled():
                    task.exception()  # seen, even when we were cancelled meanwhile
        if not getter.done() or getter.cancelled():
            return None
        try:
            return getter.result()
        except MediaStreamError:
            if self._source is source:
                self._source = None
            return None

    def stop(self) -> None:
        super().stop()
        source, self._source = self._source, None
        if source is not None:
            source.stop()
        self._wake.set()
