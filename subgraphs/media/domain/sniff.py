"""The real type of a file from its first bytes (magic numbers), whatever a client claims."""

from __future__ import annotations

# (offset, signature, type); checked in order, the first match wins.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"OggS", "audio/ogg"),
    (0, b"\x1a\x45\xdf\xa3", "audio/webm"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"\xff\xfb", "audio/mpeg"),
    (0, b"\xff\xf3", "audio/mpeg"),
    (0, b"\xff\xf2", "audio/mpeg"),
)
# RIFF containers name their form at offset 8; ISO media (MP4/M4A) its box at offset 4.
_RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav"}
_ISO_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"mp42", b"isom", b"dash")

# Enough of a file's start for every signature above.
HEAD_BYTES = 16


def sniff(head: bytes) -> str | None:
    """The type `head` (a file's first `HEAD_BYTES` or more) starts like, or None.

    ```python
    assert sniff(b"\\x89PNG\\r\\n\\x1a\\n....") == "image/png"
    ```
    """
    if head[:4] == b"RIFF":
        return _RIFF.get(head[8:12])
    if head[4:8] == b"ftyp":
        return "audio/mp4" if head[8:12] in _ISO_AUDIO_BRANDS else None
    for offset, signature, content_type in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return content_type
    return None
