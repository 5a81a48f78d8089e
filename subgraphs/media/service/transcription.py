"""Speech to text through any OpenAI-compatible `/audio/transcriptions` endpoint."""

from __future__ import annotations

from typing import Protocol

import httpx

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

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float = 60.0,
        guard: UrlGuard | None = None,
    ) -> None:
        self._url = base_url.rstrip("/") + "/audio/transcriptions"
        self._api_key = api_key
        self._model = model
        # Audio and the API key go only to a public address (or an allowed network).
        self._guard = guard or UrlGuard()
        self._client = httpx.AsyncClient(timeout=timeout, transport=self._guard.transport())

    async def aclose(self) -> None:
        await self._client.aclose()

    async def transcribe(self, data: bytes, content_type: str) -> str:
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        name = f"voice.{_EXTENSIONS.get(content_type, 'bin')}"
        await self._guard.check(self._url)
        response = await self._client.post(
            self._url,
            headers=headers,
            data={"model": self._model, "response_format": "json"},
            files={"file": (name, data, content_type)},
        )
        response.raise_for_status()
        text = response.json().get("text")
        if not isinstance(text, str):
            raise ValueError("the transcription answer has no text")
        return text.strip()


def transcriber(settings: MediaSettings) -> Transcriber | None:
    """The configured provider, or None (the embedded default: no transcripts)."""
    if not settings.transcription_openai_base_url:
        return None
    key = settings.transcription_openai_api_key
    return OpenAITranscriber(
        base_url=settings.transcription_openai_base_url,
        api_key=key.get_secret_value() if key else None,
        model=settings.transcription_openai_model,
        timeout=settings.transcription_openai_timeout_seconds,
        guard=UrlGuard.from_settings(settings),
    )
