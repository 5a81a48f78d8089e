"""Sniffing and image work: pure functions on bytes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from subgraphs.media.domain.images import NotAnImage, Size, process_image
from subgraphs.media.domain.sniff import sniff


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"OggS\x00\x02", "audio/ogg"),
        (b"\x1a\x45\xdf\xa3\x01", "audio/webm"),
        (b"ID3\x04\x00", "audio/mpeg"),
        (b"\x00\x00\x00\x20ftypM4A \x00", "audio/mp4"),
        (b"\x00\x00\x00\x20ftypqt  \x00", None),
        (b"<svg xmlns=", None),
        (b"", None),
    ],
)
def test_sniff(head: bytes, expected: str | None) -> None:
    assert sniff(head) == expected


def test_png_keeps_alpha_in_thumbnails_and_loses_text_chunks() -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken at home")
    out = io.BytesIO()
    Image.new("RGBA", (1000, 250), (0, 0, 0, 0)).save(out, format="PNG", pnginfo=info)
    processed = process_image(out.getvalue(), "image/png")
    with Image.open(io.BytesIO(processed.original[0])) as original:
        assert "Comment" not in original.info
    thumb, thumb_type = processed.thumbnails[Size.SMALL]
    assert thumb_type == "image/png"
    with Image.open(io.BytesIO(thumb)) as small:
        assert small.size == (128, 32)


def test_bytes_of_another_format_than_claimed_are_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    with pytest.raises(NotAnImage):
        process_image(out.getvalue(), "image/jpeg")
    with pytest.raises(NotAnImage):
        process_image(b"\x89PNG\r\n\x1a\n garbage", "image/png")
