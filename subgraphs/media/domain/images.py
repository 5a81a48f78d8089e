"""Image work done off the event loop: verify with Pillow, strip metadata, make thumbnails."""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image, ImageOps, UnidentifiedImageError

# A decompression bomb (a tiny file of gigapixels) is refused before it is decoded.
MAX_PIXELS = 40_000_000


class Size(StrEnum):
    ORIGINAL = "ORIGINAL"
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"


# The longest side of each thumbnail, in pixels.
THUMBNAILS: dict[Size, int] = {Size.SMALL: 128, Size.MEDIUM: 512}
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}


class NotAnImage(ValueError):
    """The bytes start like an image but Pillow cannot read them as one."""


@dataclass(frozen=True, slots=True)
class Processed:
    """The cleaned original and its thumbnails, each as (bytes, content type)."""

    width: int
    height: int
    original: tuple[bytes, str]
    thumbnails: dict[Size, tuple[bytes, str]]


def process_image(data: bytes, content_type: str) -> Processed:
    """Re-encode without metadata (EXIF, GPS, comments) and thumbnail; CPU-bound, so call
    it through `asyncio.to_thread`."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise NotAnImage("image has too many pixels")
            if _FORMATS.get(content_type) != opened.format:
                raise NotAnImage(f"bytes are {opened.format}, not {content_type}")
            animated = getattr(opened, "is_animated", False)
            # Orientation lives in EXIF: apply it to the pixels before EXIF goes.
            image = ImageOps.exif_transpose(opened.copy() if animated else opened)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise NotAnImage(str(exc)) from exc
    # An animated GIF keeps its frames (GIF carries no EXIF); anything else is re-encoded.
    original = (data, content_type) if animated else (_encode(image, content_type), content_type)
    thumbnails = {size: _thumbnail(image, side) for size, side in THUMBNAILS.items()}
    return Processed(image.width, image.height, original, thumbnails)


def _thumbnail(image: Image.Image, side: int) -> tuple[bytes, str]:
    copy = image.copy()
    copy.thumbnail((side, side))
    if copy.mode in ("RGBA", "LA", "P"):
        return _encode(copy.convert("RGBA"), "image/png"), "image/png"
    return _encode(copy.convert("RGB"), "image/jpeg"), "image/jpeg"


def _encode(image: Image.Image, content_type: str) -> bytes:
    out = io.BytesIO()
    fmt = _FORMATS[content_type]
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Some encoders copy `info` (EXIF, XMP, ICC text chunks) unless it is emptied.
    image.info = {}
    image.save(out, format=fmt, quality=85) if fmt in ("JPEG", "WEBP") else image.save(out, fmt)
    return out.getvalue()
