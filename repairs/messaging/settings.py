"""The worker's settings, read once from configuration by whoever starts it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta

from repairs.messaging.timing import QuietHours, parse_clock


@dataclass(frozen=True)
class Reminders:
    """When reminders go: the day before at ``day_before_at``, and on the morning of the
    visit at ``morning_at`` (both London time)."""

    day_before_at: time = time(18, 0)
    morning_at: time = time(7, 30)


@dataclass(frozen=True)
class WorkerSettings:
    batch_size: int = 50
    # Messages sent at once by one worker (each send waits on the provider's answer).
    concurrency: int = 8
    # A claimed message is another worker's to take over once its lease has run out.
    lease: timedelta = timedelta(seconds=60)
    poll_seconds: float = 1.0
    schedule_seconds: float = 60.0
    retry_base_seconds: float = 10.0
    retry_max_seconds: float = 900.0
    # A message still failing this long after it was written is given up and shown to staff.
    retry_for: timedelta = timedelta(hours=24)
    # The longest one send may take (the transport's timeout): no send starts so late in a
    # lease that it could still be running when the lease ends.
    send_timeout: float = 10.0
    quiet: QuietHours = field(default_factory=QuietHours)
    reminders: Reminders = field(default_factory=Reminders)

    @classmethod
    def from_config(cls, config: Mapping) -> WorkerSettings:
        """From the app's settings (``WORKER_*``, ``MESSAGE_RETRY_*``, ``QUIET_HOURS``,
        ``REMINDER_*``); raises ValueError naming what is wrong."""
        base = cls()
        get = config.get
        settings = cls(
            batch_size=int(get("WORKER_BATCH_SIZE", base.batch_size)),
            concurrency=int(get("WORKER_CONCURRENCY", base.concurrency)),
            lease=timedelta(seconds=float(get("WORKER_LEASE_SECONDS", 60))),
            poll_seconds=float(get("WORKER_POLL_SECONDS", base.poll_seconds)),
            schedule_seconds=float(get("WORKER_SCHEDULE_SECONDS", base.schedule_seconds)),
            retry_base_seconds=float(get("MESSAGE_RETRY_BASE_SECONDS", base.retry_base_seconds)),
            retry_max_seconds=float(get("MESSAGE_RETRY_MAX_SECONDS", base.retry_max_seconds)),
            retry_for=timedelta(hours=float(get("MESSAGE_RETRY_FOR_HOURS", 24))),
            send_timeout=float(get("TWILIO_TIMEOUT_SECONDS", base.send_timeout)),
            quiet=QuietHours.parse(str(get("QUIET_HOURS", "20:00-08:00"))),
            reminders=Reminders(
                parse_clock(str(get("REMINDER_DAY_BEFORE_AT", "18:00"))),
                parse_clock(str(get("REMINDER_MORNING_AT", "07:30"))),
            ),
        )
        settings.check()
        return settings

    def check(self) -> None:
        if self.batch_size < 1 or self.concurrency < 1:
            raise ValueError("WORKER_BATCH_SIZE and WORKER_CONCURRENCY must be at least 1")
        if self.poll_seconds <= 0 or self.schedule_seconds <= 0:
            raise ValueError("WORKER_POLL_SECONDS and WORKER_SCHEDULE_SECONDS must be positive")
        if self.retry_base_seconds <= 0 or self.retry_max_seconds < self.retry_base_seconds:
            raise ValueError(
                "MESSAGE_RETRY_BASE_SECONDS must be positive and MESSAGE_RETRY_MAX_SECONDS "
                "at least as long"
            )
        if self.lease.total_seconds() < 3 * self.send_timeout:
            raise ValueError(
                "WORKER_LEASE_SECONDS must be at least three times TWILIO_TIMEOUT_SECONDS, "
                "so a send always ends inside its lease"
            )
