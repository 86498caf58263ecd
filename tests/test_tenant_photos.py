"""Photos on the tenant's pages: up to five, checked by content, size-limited, location
stripped, each error by the field, and shown back only to the household."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from sqlalchemy import select

from repairs.models import Repair
from tests.services.test_photos import _jpeg_with_location
from tests.test_tenant_report import step


@pytest.fixture
def at_photos(client_request, signed_in):
    step(client_request, "/report", {"emergencies": "none"})
    step(client_request, "/report/where", {"where": "describe"})
    step(client_request, "/report/describe", {"description": "Crack in the bedroom wall"})
    step(client_request, "/report/one-of-these", {"problem": "none"}, "/report/photos")


def _upload(client_request, files, status=302, **extra):
    token = client_request.csrf_token("/report/photos")
    data = {"csrf_token": token, "upload": "1", **extra}
    data["photos"] = [(io.BytesIO(content), name) for name, content in files]
    response = client_request.client.post(
        "/report/photos", data=data, content_type="multipart/form-data"
    )
    # A large body reaches the app through a temporary file: close it, as a server would.
    response.request.environ["wsgi.input"].close()
    assert response.status_code == status, response.status_code
    return response


def _keys(html: str) -> list[str]:
    import re

    return re.findall(r'value="([0-9a-f]{32}\.jpg)" name="remove"', html)


def test_photos_are_kept_without_their_location_and_reach_the_repair(
    app, client_request, session, at_photos
):
    _upload(client_request, [("kitchen.jpg", _jpeg_with_location())])
    html = client_request.get("/report/photos")
    [key] = _keys(html)
    preview = client_request.client.get(f"/report/photos/{key}")
    data = preview.get_data()
    preview.close()
    assert preview.status_code == 200 and preview.mimetype == "image/jpeg"
    with Image.open(io.BytesIO(data)) as kept:
        assert not kept.getexif()
    step(client_request, "/report/photos", {"done": "1"}, "/report/check")
    assert "1 photo" in client_request.get("/report/check")
    location = step(client_request, "/report/check", {})
    reference = location.rsplit("/", 1)[1]
    session.expire_all()
    repair = session.scalar(select(Repair).where(Repair.reference == reference))
    assert repair.photos == [key]
    shown = client_request.client.get(f"/repairs/{reference}/photos/{key}")
    shown.close()
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    assert client_request.client.get(f"/report/photos/{key}").status_code == 404  # draft gone


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just some words, not a photo", "must be a photo"),
        ("evil.jpg", b"<?php system($_GET['c']); ?>", "must be a photo"),
        ("empty.jpg", b"", "The selected file is empty"),
        ("huge.jpg", b"\xff\xd8\xff" + os.urandom(10 * 1024 * 1024), "smaller than 10 MB"),
    ],
)
def test_bad_files_are_refused_by_the_field(client_request, at_photos, name, content, message):
    response = _upload(client_request, [(name, content)], status=200)
    html = response.get_data(as_text=True)
    assert message in html and 'href="#photos"' in html
    assert not _keys(client_request.get("/report/photos"))


def test_more_than_twelve_megabytes_at_once_gets_a_message_by_the_field(client_request, at_photos):
    big = os.urandom(7 * 1024 * 1024)
    response = _upload(client_request, [("a.jpg", big), ("b.jpg", big)], status=413)
    html = response.get_data(as_text=True)
    assert "smaller than 12 MB in total" in html and "govuk-error-summary" in html


def test_no_more_than_five_photos(client_request, at_photos):
    photo = ("p.jpg", _jpeg_with_location())
    _upload(client_request, [photo] * 5)
    assert len(_keys(client_request.get("/report/photos"))) == 5
    html = client_request.get("/report/photos")
    assert 'type="file"' not in html  # no sixth: the upload goes
    response = _upload(client_request, [photo], status=200)
    assert "up to 5 photos" in response.get_data(as_text=True)


def test_a_photo_can_be_taken_out_again(client_request, at_photos):
    _upload(client_request, [("p.jpg", _jpeg_with_location())] * 2)
    first, second = _keys(client_request.get("/report/photos"))
    step(client_request, "/report/photos", {"remove": first})
    assert _keys(client_request.get("/report/photos")) == [second]


def test_a_photo_key_from_elsewhere_is_not_served(client_request, at_photos):
    for key in ("../secret_key", "a" * 32 + ".jpg", "x.jpg", "²"):
        assert client_request.client.get(f"/report/photos/{key}").status_code == 404
