"""Recordings are kept for the retention period, then `flask video purge-recordings` (and
the worker, daily) deletes them (and files no call claims), and the audit trail says so."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from repairs.models import RepairEvent, VideoCall
from tests.messaging.processes import start_worker, stop, worker_env
from tests.worker_fixtures import Clock


def _file(root, key: str, age_days: float = 0):
    path = root / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00" * 1000)
    stamp = (datetime.now(UTC) - timedelta(days=age_days)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_recordings_older_than_the_retention_period_are_deleted(
    app, factories, session, tmp_path, monkeypatch
):
    monkeypatch.setitem(app.config, "VIDEO_RECORDINGS_DIR", str(tmp_path))
    monkeypatch.setitem(app.config, "VIDEO_RETENTION_DAYS", 30)
    monkeypatch.setitem(app.extensions, "repairs_policy", None)
    tenant, tenancy = factories.create_tenant()
    repair = factories.create_repair(tenancy.home, reported_by_id=tenant.id)
    staff = factories.create_staff()
    now = datetime.now(UTC)
    old = factories.create_video_call(
        repair,
        staff,
        status="ended",
        public_id="a" * 24,
        ended_at=now - timedelta(days=31),
        recording_key=f"calls/aa/{'a' * 24}.mp4",
        uploads=[f"uploads/bb/{'b' * 32}.mp4"],
    )
    recent = factories.create_video_call(
        repair,
        staff,
        status="ended",
        public_id="c" * 24,
        ended_at=now - timedelta(days=29),
        recording_key=f"calls/cc/{'c' * 24}.mp4",
    )
    session.commit()
    gone = [_file(tmp_path, old.recording_key, 31), _file(tmp_path, old.uploads[0], 31)]
    kept = _file(tmp_path, recent.recording_key, 29)
    orphan = _file(tmp_path, f"calls/dd/{'d' * 24}.mp4", 40)
    fresh_orphan = _file(tmp_path, f"calls/ee/{'e' * 24}.mp4", 1)

    result = app.test_cli_runner().invoke(args=["video", "purge-recordings"])

    assert result.exit_code == 0, result.output
    assert "deleted 3 files (3000 bytes) from 1 calls" in result.output
    assert not any(path.exists() for path in [*gone, orphan])
    assert kept.exists() and fresh_orphan.exists()
    session.expire_all()
    assert session.get(VideoCall, old.id).media_deleted_at is not None
    assert session.get(VideoCall, recent.id).media_deleted_at is None
    event = session.scalar(select(RepairEvent).where(RepairEvent.kind == "video_media_deleted"))
    assert event.changes["deleted"][0] == [old.recording_key, old.uploads[0]]
    again = app.test_cli_runner().invoke(args=["video", "purge-recordings"])
    assert "deleted 0 files (0 bytes) from 0 calls" in again.output


def _old_call(app, factories, session, tmp_path, monkeypatch, ended_at):
    monkeypatch.setitem(app.config, "VIDEO_RECORDINGS_DIR", str(tmp_path))
    monkeypatch.setitem(app.config, "VIDEO_RETENTION_DAYS", 30)
    monkeypatch.setitem(app.extensions, "repairs_policy", None)
    tenant, tenancy = factories.create_tenant()
    repair = factories.create_repair(tenancy.home, reported_by_id=tenant.id)
    call = factories.create_video_call(
        repair,
        factories.create_staff(),
        status="ended",
        public_id="f" * 24,
        ended_at=ended_at,
        recording_key=f"calls/ff/{'f' * 24}.mp4",
    )
    session.commit()
    return call, _file(tmp_path, call.recording_key)


def test_the_worker_purges_recordings_daily_by_its_clock(
    app, app_worker, factories, session, tmp_path, monkeypatch
):
    clock = Clock(datetime.now(UTC))
    call, recording = _old_call(
        app, factories, session, tmp_path, monkeypatch, clock.now - timedelta(days=29, hours=23)
    )
    worker = app_worker(clock)

    def round_of_jobs() -> None:
        worker.jobs.start_due()
        assert worker.jobs.wait(30) == []

    round_of_jobs()
    assert recording.exists()  # 29 days 23 hours old: kept
    clock.advance(hours=2)
    round_of_jobs()
    assert recording.exists()  # past the period now, but the purge is not due again yet
    clock.advance(hours=22)
    round_of_jobs()
    assert not recording.exists()
    session.expire_all()
    assert session.get(VideoCall, call.id).media_deleted_at is not None


@pytest.mark.slow
def test_flask_worker_once_purges_old_recordings(
    app, database_url, factories, session, tmp_path, monkeypatch
):
    call, recording = _old_call(
        app, factories, session, tmp_path, monkeypatch, datetime.now(UTC) - timedelta(days=31)
    )
    env = worker_env(database_url, VIDEO_RECORDINGS_DIR=str(tmp_path), VIDEO_RETENTION_DAYS="30")
    process = start_worker(env, "once", "--once")
    process.wait(timeout=120)
    out, err = stop(process)
    assert process.returncode == 0, err
    assert not recording.exists()
    session.expire_all()
    assert session.get(VideoCall, call.id).media_deleted_at is not None
