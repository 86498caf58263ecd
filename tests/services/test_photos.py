"""Photos are checked by content, limited, and kept without their metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from repairs.services import ServiceError, store_photo
from repairs.services.photos import photo_path


def _jpeg_with_location(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (52.0, 57.0, 12.0), 3: "W", 4: (1.0, 8.0, 58.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_kept_without_its_location(ctx):
    data = _jpeg_with_location()
    assert Image.open(io.BytesIO(data)).getexif()  # the camera's copy has it
    key = store_photo(ctx, data)
    with Image.open(photo_path(ctx, key)) as kept:
        assert kept.format == "JPEG" and kept.size == (64, 48)
        assert not kept.getexif() and "exif" not in kept.info


def test_a_large_photo_is_scaled_down(ctx):
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(out, "PNG")
    with Image.open(photo_path(ctx, store_photo(ctx, out.getvalue()))) as kept:
        assert max(kept.size) == 2560


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"#!/bin/sh\nrm -rf /\n",
        b"%PDF-1.4 not a photo",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,  # a PNG header and nothing behind it
        b"GIF89a" + b"\xff" * 20,
    ],
)
def test_anything_that_is_not_a_photo_is_refused(ctx, data):
    with pytest.raises(ServiceError) as refused:
        store_photo(ctx, data)
    assert "photos" in refused.value.fields
    assert not list(ctx.policy.upload_dir.rglob("*.jpg"))


def test_a_photo_over_the_size_limit_is_refused(ctx):
    with pytest.raises(ServiceError) as refused:
        store_photo(ctx, b"\xff\xd8" + b"\x00" * (ctx.policy.max_photo_bytes + 1))
    assert "10 MB" in str(refused.value.fields["photos"])


@pytest.mark.parametrize(
    "key", ["../secret.jpg", "a" * 32 + ".png", "/etc/passwd", "ZZ" * 16 + ".jpg"]
)
def test_only_keys_we_made_name_a_file(ctx, key):
    with pytest.raises(ServiceError):
        photo_path(ctx, key)
