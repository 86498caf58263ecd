"""What the video service tells the repairs: through the same services as every channel.

The database is reached on a worker thread (SQLAlchemy is synchronous) through a unit
of work the process is given at start: a context manager that yields the services'
``Context`` and commits when the block succeeds. A failure is logged with the call id
and never takes the call down: the media matter more to the person on it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from repairs.services import Context, ServiceError
from repairs.services.video import MediaEnded, may_join, media_connected, media_ended

log = logging.getLogger("video.store")

UnitOfWork = Callable[[], AbstractContextManager[Context]]


def _now() -> datetime:
    return datetime.now(UTC)


class CallStore:
    def __init__(self, unit_of_work: UnitOfWork) -> None:
        self._unit_of_work = unit_of_work

    async def _run(self, work, default=None):
        def job():
            with self._unit_of_work() as ctx:
                return work(ctx)

        try:
            # to_thread copies the context: the thread's log lines carry the call id too.
            return await asyncio.to_thread(job)
        except ServiceError as error:
            log.warning("the repairs refused: %s", error)
        except Exception:
            log.exception("could not reach the repairs database")
        return default

    async def may_join(self, call_id: str, role: str) -> bool:
        return bool(await self._run(lambda ctx: may_join(ctx, call_id, role), False))

    async def connected(self, call_id: str) -> None:
        at = _now()
        await self._run(lambda ctx: media_connected(ctx, call_id, at))

    async def ended(
        self, call_id: str, reason: str, recording_key: str | None, recording_bytes: int | None
    ) -> None:
        ended = MediaEnded(call_id, _now(), reason, recording_key, recording_bytes)
        await self._run(lambda ctx: media_ended(ctx, ended))
