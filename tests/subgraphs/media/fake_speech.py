"""A loopback OpenAI-compatible `/v1/audio/speech` that checks each request, answering
with given audio, an error status, bytes that are not audio, or never (a hung provider)."""

from __future__ import annotations

import asyncio
import io
import wave
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Literal

from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common.serving import serve_in_loop

KEY = "sk-speech"
MODEL = "tts-test"
VOICE = "nova"
FORMAT = "wav"
Mode = Literal["audio", "error", "not-audio", "hang"]


def wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A real WAV of silence: sniffed as audio/wav, parsed by mutagen (`seconds` long)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(b"\x00\x00" * int(seconds * rate))
    return out.getvalue()


class FakeSpeech:
    def __init__(self, audio: bytes, mode: Mode = "audio") -> None:
        self.audio = audio
        self.mode = mode
        # The JSON bodies of well-formed requests, in order.
        self.requests: list[dict[str, Any]] = []
        # What was wrong with the others.
        self.problems: list[str] = []
        # A hung request waits for this (set at teardown, so the server can stop).
        self.release = asyncio.Event()
        self.app = Starlette(routes=[Route("/v1/audio/speech", self.speak, methods=["POST"])])

    async def speak(self, request: Request) -> Response:
        problem = await self._problem(request)
        if problem is not None:
            self.problems.append(problem)
            return JSONResponse({"error": problem}, status_code=400)
        if self.mode == "hang":
            await self.release.wait()
        if self.mode == "error":
            return JSONResponse({"error": "overloaded"}, status_code=503)
        if self.mode == "not-audio":
            return Response(b"<html>busy</html>", media_type="audio/wav")
        return Response(self.audio, media_type="audio/wav")

    async def _problem(self, request: Request) -> str | None:
        if request.headers.get("authorization") != f"Bearer {KEY}":
            return "bad key"
        if request.headers.get("content-type") != "application/json":
            return "not JSON"
        body = await request.json()
        if not isinstance(body, dict) or set(body) != {
            "model",
            "input",
            "voice",
            "response_format",
        }:
            return f"unexpected fields: {body!r}"
        wanted = {"model": MODEL, "voice": VOICE, "response_format": FORMAT}
        if {k: body[k] for k in wanted} != wanted:
            return f"unexpected values: {body!r}"
        if not isinstance(body["input"], str) or not body["input"]:
            return "no input"
        self.requests.append(body)
        return None


def speech_settings(base_url: str, **changes: Any) -> dict[str, Any]:
    """The settings that point the speech provider at the fake."""
    return {
        "speech_openai_base_url": f"{base_url}/v1",
        "speech_openai_api_key": SecretStr(KEY),
        "speech_openai_model": MODEL,
        "speech_openai_voice": VOICE,
        "speech_openai_format": FORMAT,
        # The fake is on loopback, which the URL guard refuses otherwise.
        "outbound_allowed_networks": ["127.0.0.0/8"],
        **changes,
    }


@asynccontextmanager
async def serve_fake_speech(
    audio: bytes, mode: Mode = "audio"
) -> AsyncIterator[tuple[str, FakeSpeech]]:
    fake = FakeSpeech(audio, mode)
    async with serve_in_loop(fake.app) as url:
        try:
            yield url, fake
        finally:
            fake.release.set()
