"""Photos of a problem: checked by what they contain, not what they are called.

A photo is decoded (so a renamed script or a broken file is refused), limited in size
and pixels, and saved again as a fresh JPEG: that drops every piece of metadata,
location included, before anything is kept.
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from common.i18n import N_
from repairs.services.context import Context
from repairs.services.errors import ServiceError

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"})
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; decompression bombs are far larger
LONGEST_SIDE = 2560  # enough to see a crack or a mould patch; keeps storage sane


def _refuse(text) -> ServiceError:
    return ServiceError.invalid({"photos": text})


def store_photo(ctx: Context, data: bytes) -> str:
    """Check ``data`` is a photo, strip its metadata, keep it; returns its key."""
    limit = ctx.policy.max_photo_bytes
    if not data:
        raise _refuse(N_("The selected file is empty"))
    if len(data) > limit:
        raise _refuse(N_("The photo must be smaller than %(size)s MB", size=limit // 1_048_576))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
        if kind not in ACCEPTED_FORMATS:
            raise _refuse(N_("The selected file must be a photo (JPG, PNG or WEBP)"))
        if width * height > MAX_PIXELS:
            raise _refuse(N_("The photo is too large. Try a smaller one."))
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)  # keep it upright once EXIF is gone
            image = image.convert("RGB")
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            clean = io.BytesIO()
            image.save(clean, "JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _refuse(N_("The selected file must be a photo (JPG, PNG or WEBP)")) from None
    key = secrets.token_hex(16) + ".jpg"
    path = photo_path(ctx, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(clean.getvalue())
    return key


def photo_path(ctx: Context, key: str) -> Path:
    """Where photo ``key`` lives; refuses anything that is not a key we made."""
    name = Path(key).name
    if name != key or len(name) != 36 or not name.endswith(".jpg"):
        raise _refuse(N_("That photo does not exist"))
    if any(ch not in "0123456789abcdef" for ch in name[:32]):
        raise _refuse(N_("That photo does not exist"))
    return Path(ctx.policy.upload_dir) / name[:2] / name
