"""A synthetic camera and microphone, for the tests and the benchmark.

The picture moves (a bar sweeping over a textured background) so encoders work about as
hard as on a real phone's video; frames are built once and cycled, so producing them
costs next to nothing. The tone is a square wave: loud enough to tell from silence after
an Opus round trip.
"""

from __future__ import annotations

import asyncio
import fractions
import time

import av
from aiortc.mediastreams import MediaStreamTrack

VIDEO_CLOCK = 90_000
AUDIO_RATE = 48_000


def _frames(width: int, height: int, count: int) -> list[av.VideoFrame]:
    frames = []
    texture = bytes((x * 7 + y * 13) % 251 for y in range(16) for x in range(16))
    for n in range(count):
        frame = av.VideoFrame(width, height, "yuv420p")
        luma = frame.planes[0]
        row_bytes = bytearray(luma.line_size)
        rows = []
        bar = (n * width // count) % width
        for y in range(height):
            for x in range(0, width, 16):
                row_bytes[x : x + 16] = texture[(y % 16) * 16 : (y % 16) * 16 + 16][: width - x]
            line = bytearray(row_bytes)
            line[bar : bar + 24] = b"\xeb" * len(line[bar : bar + 24])
            rows.append(bytes(line))
        luma.update(b"".join(rows))
        for plane, value in ((frame.planes[1], 90 + n % 40), (frame.planes[2], 160 - n % 40)):
            plane.update(bytes([value]) * plane.buffer_size)
        frames.append(frame)
    return frames


class Camera(MediaStreamTrack):
    kind = "video"

    def __init__(self, width: int = 640, height: int = 480, fps: int = 15) -> None:
        super().__init__()
        self.fps = fps
        self._frames = _frames(width, height, fps * 2)
        self._n = 0
        self._start: float | None = None

    async def recv(self) -> av.VideoFrame:
        if self._start is None:
            self._start = time.monotonic()
        due = self._start + self._n / self.fps
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        frame = self._frames[self._n % len(self._frames)]
        frame.pts = self._n * VIDEO_CLOCK // self.fps
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        self._n += 1
        return frame


class Tone(MediaStreamTrack):
    kind = "audio"
    SAMPLES = 960  # 20 ms

    def __init__(self) -> None:
        super().__init__()
        wave = (b"\x00\x30" * 24 + b"\x00\xd0" * 24) * 20
        self._payload = wave[: self.SAMPLES * 2]
        self._n = 0
        self._start: float | None = None

    async def recv(self) -> av.AudioFrame:
        if self._start is None:
            self._start = time.monotonic()
        due = self._start + self._n * self.SAMPLES / AUDIO_RATE
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        frame = av.AudioFrame(format="s16", layout="mono", samples=self.SAMPLES)
        frame.planes[0].update(self._payload)
        frame.sample_rate = AUDIO_RATE
        frame.pts = self._n * self.SAMPLES
        frame.time_base = fractions.Fraction(1, AUDIO_RATE)
        self._n += 1
        return frame


def is_silent(frame: av.AudioFrame) -> bool:
    data = bytes(frame.planes[0])
    return (
        max(
            abs(int.from_bytes(data[i : i + 2], "little", signed=True))
            for i in range(0, len(data), 64)
        )
        < 200
    )
