"""The whole call in headless Chromium with a fake camera: staff start it on a repair,
the tenant joins from the link in the development outbox, staff see the video and take
a still, the recording holds frames, the outcome is recorded, the tenant's history shows
the call."""

from __future__ import annotations

import re
from dataclasses import replace

import av
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.video.runtime import call_store, video_settings
from repairs.models import Repair, RepairEvent, VideoCall
from tests.browser.driver import Driver
from tests.browser_fixtures import CHROMIUM_ARGS, assert_accessible, chromium_path
from tests.video.peers import service_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEDIA_ARGS = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]
PASSWORD = "a long pass phrase"


@pytest.fixture(scope="module")
def media_browser(browser):
    # A second Chromium from the session's Playwright (only one may run at a time),
    # with a fake camera and microphone that need no permission prompt.
    media = browser.browser_type.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS + MEDIA_ARGS
    )
    yield media
    media.close()


@pytest.fixture
def video_service(app, live_server, tmp_path, monkeypatch):
    settings = replace(
        video_settings(app),
        recordings_dir=tmp_path / "recordings",
        allowed_origins=(live_server,),
    )
    with service_in_thread(settings, call_store(app)) as url:
        monkeypatch.setitem(app.config, "VIDEO_SERVICE_URL", url)
        monkeypatch.setitem(app.config, "VIDEO_RECORDINGS_DIR", str(settings.recordings_dir))
        yield settings


@pytest.fixture
def household(factories, session):
    tenant, tenancy = factories.create_tenant(
        mobile="+447700900001", reference="TV-000001", given_name="Zainab", family_name="Rahman"
    )
    repair = factories.create_repair(
        tenancy.home,
        status="awaiting_appointment",
        reported_by_id=tenant.id,
        problem="kitchen_tap_dripping",
        description="Water under the kitchen sink",
    )
    staff = factories.create_staff(role="agent", password=PASSWORD)
    session.commit()
    return repair, staff


def _context(browser, live_server):
    return browser.new_context(
        base_url=live_server, permissions=["camera", "microphone"], java_script_enabled=True
    )


def test_a_video_call_from_start_to_outcome(
    media_browser, live_server, video_service, household, session
):
    repair, staff = household
    agent = _context(media_browser, live_server).new_page()
    tenant = _context(media_browser, live_server).new_page()

    agent.goto("/staff/sign-in")
    agent.get_by_label("Email address").fill(staff.email)
    agent.get_by_role("textbox", name="Password").fill(PASSWORD)
    agent.get_by_role("button", name="Sign in").click()
    agent.wait_for_url(lambda url: "/sign-in" not in url)
    agent.goto(f"/staff/video/repairs/{repair.reference}")
    assert_accessible(agent)
    agent.get_by_role("button", name="Text the tenant a video call link").click()
    expect(agent.get_by_text("We have texted the tenant a link")).to_be_visible()
    call_page = agent.url

    outbox = agent.context.new_page()
    outbox.goto("/dev/outbox")
    link = re.search(r"/video/join/[\w.\-]+", outbox.content()).group(0)

    tenant.goto(link)
    assert_accessible(tenant)
    tenant.get_by_label("Yes, you can record the call").check()
    tenant.get_by_role("button", name="Continue").click()
    # The call page, not the consent page mid-navigation, is what axe must read.
    start = tenant.get_by_role("button", name="Start the video call")
    expect(start).to_be_visible()
    assert_accessible(tenant)
    start.click()
    expect(tenant.get_by_text("You are connected")).to_be_visible(timeout=30_000)

    assert_accessible(agent)
    agent.get_by_role("button", name="Join the call").click()
    expect(agent.get_by_text("You are in the call")).to_be_visible(timeout=30_000)
    picture = "document.querySelector('#tenant-video')"
    agent.wait_for_function(
        f"() => {picture}.getVideoPlaybackQuality().totalVideoFrames > 20", timeout=30_000
    )
    assert agent.evaluate(f"() => {picture}.videoWidth") > 0
    still = agent.get_by_role("button", name="Take a still")
    expect(still).to_be_enabled(timeout=10_000)
    still.click()
    expect(agent.get_by_role("img", name="Still 1")).to_be_visible(timeout=10_000)

    agent.get_by_role("button", name="End the call").click()
    expect(agent.get_by_text("The call has ended.")).to_be_visible(timeout=30_000)
    expect(tenant.get_by_text("The call has ended.").first).to_be_visible(timeout=15_000)
    assert agent.url.startswith(call_page)

    agent.get_by_label("Priority").select_option("urgent")
    agent.get_by_label("What you saw").fill("Leak from the waste pipe, seen on the call")
    agent.get_by_role("button", name="Record the outcome").click()
    expect(agent.get_by_text("The outcome is recorded")).to_be_visible()

    session.expire_all()
    call = session.scalar(select(VideoCall).where(VideoCall.repair_id == repair.id))
    assert call.status == "ended" and call.consent_to_record is True
    assert call.end_reason == "staff_ended" and call.duration_seconds() >= 1
    with av.open(str(video_service.recordings_dir / call.recording_key)) as recording:
        assert sum(1 for _ in recording.decode(video=0)) > 10
    changed = session.get(Repair, repair.id)
    assert changed.priority == "urgent"
    assert changed.photos == call.stills and len(call.stills) == 1
    kinds = set(session.scalars(select(RepairEvent.kind).where(RepairEvent.repair_id == repair.id)))
    assert {"video_call_invited", "video_call_joined", "video_call_started", "video_still"} <= kinds
    assert {"video_call", "triage_overridden"} <= kinds

    # The tenant signs in and sees the call in the repair's history.
    # ... with a code from the development outbox, as a tenant trying the app would.
    tenant.goto("/sign-in")
    tenant.get_by_label("Mobile phone number").fill("07700 900 001")
    tenant.get_by_role("button", name="Continue").click()
    code = Driver(tenant, keyboard=False).code_from_outbox()
    tenant.get_by_label("Security code").fill(code)
    tenant.get_by_role("button", name="Continue").click()
    # Wait for the page after the code: count() does not wait, and read too early it
    # skipped the tenancy step that a first sign-in on a new browser asks for.
    tenant.wait_for_url(lambda url: "/sign-in/code" not in url)
    if tenant.get_by_label("Tenancy reference").count():
        tenant.get_by_label("Tenancy reference").fill("TV-000001")
        tenant.get_by_label("Postcode of your home").fill("NG7 1AA")  # the factory's
        tenant.get_by_role("button", name="Sign in").click()
        tenant.wait_for_url(lambda url: "/sign-in" not in url)
    tenant.goto(f"/repairs/{repair.reference}")
    expect(tenant.get_by_text("Video call", exact=False).first).to_be_visible()
    history = tenant.locator("ol").inner_text()
    assert "Video call" in history and "Photo taken on the video call" in history
