"""Text to speech through any OpenAI-compatible `/audio/speech` endpoint."""

from __future__ import annotations

from typing import Protocol

from common.openai_compat import OpenAIClient
from common.settings import MediaSettings
from common.urlguard import UrlGuard
from subgraphs.media.domain.purposes import POLICIES, Purpose

# OpenAI's limit on `input`: a longer reply is spoken up to here (its text stays whole).
MAX_INPUT_CHARS = 4096
# A spoken reply is kept as a voice message, so it is held to a voice message's cap.
MAX_AUDIO_BYTES = POLICIES[Purpose.VOICE_MESSAGE].max_bytes


class Speaker(Protocol):
    async def speak(self, text: str) -> bytes:
        """`text` said aloud, as the provider's audio bytes (not checked yet)."""
        ...

    async def aclose(self) -> None: ...


class OpenAISpeaker:
    """One pooled HTTP client for the subgraph's life; `aclose()` at shutdown."""

    def __init__(self, client: OpenAIClient, *, voice: str, response_format: str) -> None:
        self._client = client
        self._voice = voice
        self._format = response_format

    async def aclose(self) -> None:
        await self._client.aclose()

    async def speak(self, text: str) -> bytes:
        body = {
            "model": self._client.model,
            "input": text[:MAX_INPUT_CHARS],
            "voice": self._voice,
            "response_format": self._format,
        }
        return await self._client.post_for_bytes(
            "/audio/speech", json=body, max_bytes=MAX_AUDIO_BYTES
        )


def speaker(settings: MediaSettings) -> Speaker | None:
    """The configured provider, or None (the embedded default: replies stay text)."""
    endpoint = settings.speech_endpoint
    if endpoint is None:
        return None
    return OpenAISpeaker(
        OpenAIClient(endpoint, guard=UrlGuard.from_settings(settings)),
        voice=settings.speech_openai_voice,
        response_format=settings.speech_openai_format,
    )
