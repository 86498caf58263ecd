"""Messaging settings are checked at start-up; quiet hours and back-off behave as said."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from common.calendar import LONDON
from portal.config import ConfigError, config_from_env
from repairs.messaging.timing import QuietHours, backoff


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("QUIET_HOURS", "late evening", "not a range like 20:00-08:00"),
        ("QUIET_HOURS", "20:00-8", "not a time like 08:00"),
        ("REMINDER_MORNING_AT", "7.30", "not a time like 08:00"),
        ("WORKER_LEASE_SECONDS", "10", "at least three times TWILIO_TIMEOUT_SECONDS"),
        ("WORKER_CONCURRENCY", "0", "must be at least 1"),
        ("MESSAGE_RETRY_MAX_SECONDS", "1", "at least as long"),
        ("TWILIO_API_BASE_URL", "127.0.0.1:9999", "must start with http"),
    ],
)
def test_bad_messaging_settings_are_refused_by_name(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        config_from_env("testing")


def test_production_twilio_needs_a_sender(monkeypatch):
    for name, value in {
        "SECRET_KEY": "x" * 40,
        "DATABASE_URL": "postgresql+psycopg://db/repairs",
        "PUBLIC_BASE_URL": "https://repairs.example",
        "MESSAGE_TRANSPORT": "twilio",
        "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "TWILIO_AUTH_TOKEN": "secret",
        "VIDEO_TICKET_SECRET": "v" * 40,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TWILIO_SMS_FROM", raising=False)
    monkeypatch.delenv("TWILIO_MESSAGING_SERVICE_SID", raising=False)
    with pytest.raises(ConfigError, match="TWILIO_MESSAGING_SERVICE_SID or TWILIO_SMS_FROM"):
        config_from_env("production")
    monkeypatch.setenv("TWILIO_MESSAGING_SERVICE_SID", "MG" + "2" * 32)
    assert config_from_env("production").MESSAGE_TRANSPORT == "twilio"


@pytest.mark.parametrize(
    ("clock", "quiet"),
    [((19, 59), False), ((20, 0), True), ((23, 30), True), ((3, 0), True), ((7, 59), True)],
)
def test_quiet_hours_run_over_midnight(clock, quiet):
    moment = datetime(2026, 7, 1, *clock, tzinfo=LONDON)
    assert QuietHours.parse("20:00-08:00").contains(moment) is quiet


def test_quiet_hours_end_at_the_next_morning_in_london_time():
    hours = QuietHours(time(20), time(8))
    evening = datetime(2026, 10, 24, 22, 0, tzinfo=LONDON)  # the clocks go back overnight
    assert hours.ends_after(evening) == datetime(2026, 10, 25, 8, 0, tzinfo=LONDON)
    assert hours.ends_after(datetime(2026, 10, 25, 9, 0, tzinfo=LONDON)).hour == 9


def test_quiet_hours_can_be_turned_off():
    assert not QuietHours.parse("off").contains(datetime(2026, 7, 1, 3, 0, tzinfo=LONDON))


def test_back_off_doubles_to_a_cap_with_jitter_inside_its_half():
    assert [backoff(n, 10, 300, lambda: 0.0) for n in (1, 2, 3, 4, 5, 6, 7)] == [
        5.0,
        10.0,
        20.0,
        40.0,
        80.0,
        150.0,
        150.0,
    ]
    assert backoff(3, 10, 300, lambda: 1.0) == 40.0
