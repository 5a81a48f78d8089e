"""What each upload purpose accepts: the real types (sniffed, not declared) and a size cap."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MB = 1 << 20


class Purpose(StrEnum):
    AVATAR = "AVATAR"
    POST_MEDIA = "POST_MEDIA"
    CHAT_ATTACHMENT = "CHAT_ATTACHMENT"
    VOICE_MESSAGE = "VOICE_MESSAGE"


IMAGES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
AUDIO = frozenset({"audio/ogg", "audio/webm", "audio/mp4", "audio/mpeg", "audio/wav"})


@dataclass(frozen=True, slots=True)
class Policy:
    types: frozenset[str]
    max_bytes: int


POLICIES: dict[Purpose, Policy] = {
    Purpose.AVATAR: Policy(frozenset({"image/jpeg", "image/png", "image/webp"}), 5 * MB),
    Purpose.POST_MEDIA: Policy(IMAGES, 10 * MB),
    Purpose.CHAT_ATTACHMENT: Policy(IMAGES | {"application/pdf"}, 20 * MB),
    Purpose.VOICE_MESSAGE: Policy(AUDIO, 10 * MB),
}


def is_image(content_type: str) -> bool:
    return content_type in IMAGES


def is_audio(content_type: str) -> bool:
    return content_type in AUDIO
