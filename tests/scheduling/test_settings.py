"""Scheduling settings from the environment, and choosing the core by configuration."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.config import ConfigError, config_from_env
from portal.wiring import core_for
from scheduling.http_client import HttpSchedulingCore
from scheduling.windows import Settings


def test_defaults_and_overrides(monkeypatch):
    config = config_from_env("testing")
    settings = Settings.from_config(vars(config))
    assert (settings.road_factor, settings.speed_kmh, settings.min_lead_hours) == (1.3, 25, 12)
    assert [w.name for w in settings.windows] == ["morning", "afternoon", "all_day", "school_run"]
    monkeypatch.setenv("SCHEDULING_ROAD_FACTOR", "1.5")
    monkeypatch.setenv("SCHEDULING_WINDOWS", "am=08:00-13:00,pm=13:00-18:00")
    monkeypatch.setenv("SCHEDULING_WORK_WEEKENDS", "true")
    settings = Settings.from_config(vars(config_from_env("testing")))
    assert settings.road_factor == 1.5 and settings.work_weekends
    assert [w.name for w in settings.windows] == ["am", "pm"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCHEDULING_ROAD_FACTOR", "0.5"),
        ("SCHEDULING_SPEED_KMH", "fast"),
        ("SCHEDULING_WINDOWS", "morning=12:00-08:00"),
        ("SCHEDULING_HORIZON_DAYS", "0"),
        ("SCHEDULING_CORE_URL", "ftp://core.example"),
        ("SCHEDULING_ATTEND_HOURS", "30"),
        ("SCHEDULING_ATTEND_HOURS", "soon"),
        ("SCHEDULING_ONCALL_REST_HOURS", "25"),
        ("SCHEDULING_ONCALL_MAX_CALLOUTS", "0"),
        ("SCHEDULING_ONCALL_MOBILISE_MINUTES", "-1"),
        ("SCHEDULING_EMERGENCY_OVERTIME_MINUTES", "300"),
    ],
)
def test_bad_settings_stop_the_app_at_start_up(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError):
        config_from_env("testing")


def test_the_emergency_targets_and_on_call_rules_come_from_the_environment(monkeypatch):
    settings = Settings.from_config(vars(config_from_env("testing")))
    assert (settings.attend_hours, settings.make_safe_hours) == (4, 24)
    assert (settings.oncall_rest_hours, settings.oncall_max_callouts) == (11, 5)
    assert (settings.oncall_mobilise_minutes, settings.emergency_overtime_minutes) == (15, 60)
    for name, value in {
        "SCHEDULING_ATTEND_HOURS": "2",
        "SCHEDULING_MAKE_SAFE_HOURS": "12",
        "SCHEDULING_ONCALL_REST_HOURS": "8",
        "SCHEDULING_ONCALL_MAX_CALLOUTS": "3",
        "SCHEDULING_ONCALL_MOBILISE_MINUTES": "20",
        "SCHEDULING_EMERGENCY_OVERTIME_MINUTES": "0",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings.from_config(vars(config_from_env("testing")))
    assert (settings.attend_hours, settings.make_safe_hours) == (2, 12)
    assert (settings.oncall_rest_hours, settings.oncall_max_callouts) == (8, 3)
    assert (settings.oncall_mobilise_minutes, settings.emergency_overtime_minutes) == (20, 0)


def test_a_remote_core_needs_its_token_and_is_chosen_by_configuration(monkeypatch):
    monkeypatch.setenv("SCHEDULING_CORE_URL", "http://127.0.0.1:9/")
    with pytest.raises(ConfigError, match="SCHEDULING_CORE_TOKEN"):
        config_from_env("testing")
    monkeypatch.setenv("SCHEDULING_CORE_TOKEN", "sched_example")
    config = config_from_env("testing")
    config.DATABASE_URL = "sqlite:///:memory:"
    app = create_app(config)
    core = core_for(app)
    assert isinstance(core, HttpSchedulingCore) and core.base == "http://127.0.0.1:9/scheduling/v1"
    assert core_for(app) is core


def test_a_core_that_does_not_answer_is_reported_not_hung():
    from scheduling import CoreUnavailable
    from tests.scheduling.conftest import make_job

    silent = HttpSchedulingCore("http://127.0.0.1:9", "sched_example", timeout=(0.5, 0.5))
    with pytest.raises(CoreUnavailable):
        silent.offer_slots(make_job())
