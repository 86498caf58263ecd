"""A tenant with a repair, a member of staff, and the video service's settings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from portal.video.runtime import call_store, video_settings


@pytest.fixture
def on_call(factories, session):
    """A repair whose tenant has opened the link and agreed to recording."""
    tenant, tenancy = factories.create_tenant()
    repair = factories.create_repair(tenancy.home, reported_by_id=tenant.id, problem=None)
    staff = factories.create_staff()
    call = factories.create_video_call(repair, staff)
    session.commit()
    return call


@pytest.fixture
def settings(app, tmp_path):
    return replace(video_settings(app), recordings_dir=tmp_path / "recordings")


@pytest.fixture
def store(app):
    return call_store(app)
