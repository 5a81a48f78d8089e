"""Picked files for the browser tests of uploads: real images, made here."""

from __future__ import annotations

import io

from PIL import Image
from playwright.async_api import FilePayload, Locator, expect


def image_file(name: str, fmt: str, mime: str, colour: str, size: int = 96) -> FilePayload:
    """An image of `fmt` (a Pillow format) as a file input would pick it."""
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, format=fmt)
    return {"name": name, "mimeType": mime, "buffer": out.getvalue()}


async def loaded(image: Locator) -> None:
    """The browser fetched and decoded it: the signed URL answered with a real image."""
    await expect(image).to_have_js_property("complete", True)
    assert await image.evaluate("(img) => img.naturalWidth") > 0
