"""Recording the tenant's camera and microphone to a fragmented MP4 (H.264 and AAC).

Encoding runs on a thread of its own so a busy encoder never stalls the call's network
traffic, and frames are taken "latest first" from the relay: under load the recording
drops frames rather than memory growing without end. Fragmented MP4 stays readable up to
the last fragment even if the process is killed mid-call. Frames are copied before they
are re-stamped, since the same frame object also goes to the member of staff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import av
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

log = logging.getLogger("video.recorder")

LONGEST_SIDE = 640  # 480p: enough to see the problem again, small enough to keep
VIDEO_TIME_BASE = Fraction(1, 90_000)
AUDIO_RATE = 48_000


def _even(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def _copy(frame: av.VideoFrame) -> av.VideoFrame:
    out = av.VideoFrame(frame.width, frame.height, frame.format.name)
    for src, dst in zip(frame.planes, out.planes, strict=True):
        if src.line_size == dst.line_size and src.buffer_size == dst.buffer_size:
            dst.update(src)
            continue
        source, target = memoryview(src), memoryview(dst)
        width = min(src.line_size, dst.line_size)
        for row in range(dst.height):
            start, at = row * src.line_size, row * dst.line_size
            target[at : at + width] = source[start : start + width]
    return out


class Recorder:
    def __init__(self, path: Path, video: MediaStreamTrack, audio: MediaStreamTrack) -> None:
        self.path = path
        self._tracks = (video, audio)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recorder")
        self._container = None
        self._video_stream = None
        self._audio_stream = None
        self._resampler = av.AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE)
        self._size: tuple[int, int] | None = None
        self._t0: float | None = None
        self._last_pts = -1
        self._samples = 0
        self._tasks: list[asyncio.Task] = []
        self.frames = 0

    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._container = av.open(
            str(self.path),
            mode="w",
            format="mp4",
            options={"movflags": "frag_keyframe+empty_moov+default_base_moof"},
        )
        self._audio_stream = self._container.add_stream("aac", rate=AUDIO_RATE)
        self._audio_stream.layout = "stereo"
        self._tasks = [asyncio.ensure_future(self._pump(track)) for track in self._tracks]

    def _elapsed(self) -> float:
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        return now - self._t0

    async def _pump(self, track: MediaStreamTrack) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            elapsed = self._elapsed()
            work = self._video if track.kind == "video" else self._audio
            try:
                await loop.run_in_executor(self._pool, work, frame, elapsed)
            except (av.error.FFmpegError, ValueError) as error:
                log.warning("recording dropped a %s frame: %s", track.kind, error)

    def _video(self, frame: av.VideoFrame, elapsed: float) -> None:
        if self._size is None:
            scale = min(1.0, LONGEST_SIDE / max(frame.width, frame.height))
            self._size = (_even(frame.width * scale), _even(frame.height * scale))
            stream = self._container.add_stream("libx264", rate=30)
            stream.width, stream.height = self._size
            stream.pix_fmt = "yuv420p"
            stream.codec_context.time_base = VIDEO_TIME_BASE
            stream.options = {"preset": "veryfast", "tune": "zerolatency", "crf": "28"}
            self._video_stream = stream
        width, height = self._size
        out = frame.reformat(width=width, height=height, format="yuv420p")
        out = _copy(out) if out is frame else out
        pts = max(int(elapsed * 90_000), self._last_pts + 1)
        out.pts, out.time_base, self._last_pts = pts, VIDEO_TIME_BASE, pts
        for packet in self._video_stream.encode(out):
            self._container.mux(packet)
        self.frames += 1

    def _audio(self, frame: av.AudioFrame, elapsed: float) -> None:
        if self._video_stream is None:
            return  # the file's streams are fixed at the first write: picture first
        # Keep sound in step with the picture across a gap (the tenant reconnecting).
        expected = int(elapsed * AUDIO_RATE)
        if expected - self._samples > AUDIO_RATE // 5:
            self._samples = expected
        for out in self._resampler.resample(frame):
            out.pts, out.time_base = self._samples, Fraction(1, AUDIO_RATE)
            self._samples += out.samples
            for packet in self._audio_stream.encode(out):
                self._container.mux(packet)

    def _close(self) -> None:
        for stream in (self._video_stream, self._audio_stream):
            if stream is not None:
                with contextlib.suppress(av.error.FFmpegError, ValueError):
                    for packet in stream.encode(None):
                        self._container.mux(packet)
        self._container.close()

    async def stop(self) -> int:
        """Finish the file; returns its size in bytes (0 when nothing was recorded)."""
        for track in self._tracks:
            track.stop()
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._container is not None:
            await asyncio.get_running_loop().run_in_executor(self._pool, self._close)
            self._container = None
        self._pool.shutdown(wait=False)
        if self.frames == 0:
            self.path.unlink(missing_ok=True)
            return 0
        return self.path.stat().st_size
