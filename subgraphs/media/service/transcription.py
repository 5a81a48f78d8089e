"""Speech to text through any OpenAI-compatible `/audio/transcriptions` endpoint."""

from __future__ import annotations

from typing import Protocol

from common.openai_compat import OpenAIClient
from common.settings import MediaSettings
from common.urlguard import UrlGuard

# The extension a provider infers the format from, per sniffed type.
_EXTENSIONS = {
    "audio/ogg": "ogg",
    "audio/webm": "webm",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
}


class Transcriber(Protocol):
    async def transcribe(self, data: bytes, content_type: str) -> str:
        """The text spoken in `data`."""
        ...

    async def aclose(self) -> None: ...


class OpenAITranscriber:
    """One pooled HTTP client for the subgraph's life; `aclose()` at shutdown."""

    def __init__(self, client: OpenAIClient) -> None:
        self._client = client

    async def aclose(self) -> None:
        await self._client.aclose()

    async def transcribe(self, data: bytes, content_type: str) -> str:
        name = f"voice.{_EXTENSIONS.get(content_type, 'bin')}"
        response = await self._client.post(
            "/audio/transcriptions",
            data={"model": self._client.model, "response_format": "json"},
            files={"file": (name, data, content_type)},
        )
        text = response.json().get("text")
        if not isinstance(text, str):
            raise ValueError("the transcription answer has no text")
        return text.strip()


def transcriber(settings: MediaSettings) -> Transcriber | None:
    """The configured provider, or None (the embedded default: no transcripts)."""
    endpoint = settings.transcription_endpoint
    if endpoint is None:
        return None
    return OpenAITranscriber(OpenAIClient(endpoint, guard=UrlGuard.from_settings(settings)))
