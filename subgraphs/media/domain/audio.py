"""What audio bytes hold: their duration, read by parsing the container, not trusting a client."""

from __future__ import annotations

import io

import mutagen

# mutagen reads no Matroska: WebM audio is accepted on its signature, its duration unknown.
_UNPARSED = frozenset({"audio/webm"})


class NotAudio(ValueError):
    """Bytes that start like an audio type but do not parse as one."""


def duration_seconds(data: bytes, content_type: str) -> float | None:
    """Seconds of audio in `data` (sniffed as `content_type`); None when not readable
    for this container. Raises NotAudio for bytes that only look like audio."""
    if content_type in _UNPARSED:
        return None
    try:
        parsed = mutagen.File(io.BytesIO(data))
    except mutagen.MutagenError as exc:
        raise NotAudio(str(exc)) from exc
    length = getattr(getattr(parsed, "info", None), "length", None)
    if parsed is None or not isinstance(length, int | float) or length <= 0:
        raise NotAudio("no audio stream")
    return round(float(length), 3)
