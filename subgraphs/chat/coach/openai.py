"""A coach backed by any OpenAI-compatible chat-completions endpoint, streamed over SSE."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx

from common.urlguard import UrlGuard
from subgraphs.chat.coach.provider import CoachReply, CoachRequest

log = logging.getLogger(__name__)

# How long the rest of a body after [DONE] may take before its connection is dropped.
DRAIN_SECONDS = 1.0

SYSTEM_PROMPT = (
    "You are the LifeGraph coach: warm, concise and practical. You help the user set goals, "
    "keep habits and stay motivated across health, finance, family, career, learning and "
    "creativity. Answer in a few sentences."
)


class OpenAICompatibleCoach:
    """Replies share one HTTP client for the coach's life: kept-alive connections
    instead of a TCP and TLS handshake per message; `aclose()` at shutdown."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float = 60.0,
        guard: UrlGuard | None = None,
    ) -> None:
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._api_key = api_key
        self._model = model
        # Conversation text and the API key go only to a public https address (or to a
        # network listed in `outbound_allowed_networks`, e.g. an in-cluster model).
        self._guard = guard or UrlGuard()
        self._client = httpx.AsyncClient(timeout=timeout, transport=self._guard.transport())

    async def aclose(self) -> None:
        """Close the shared HTTP client and its pooled connections."""
        await self._client.aclose()

    async def respond(self, request: CoachRequest) -> CoachReply:
        return CoachReply(self._stream(request))

    def _body(self, request: CoachRequest) -> dict[str, Any]:
        messages = [{"role": "system", "content": SYSTEM_PROMPT}]
        for turn in request.history:
            role = "assistant" if turn.role == "coach" else "user"
            messages.append({"role": role, "content": turn.text})
        if not request.history or request.history[-1].text != request.text:
            messages.append({"role": "user", "content": request.text})
        return {"model": self._model, "messages": messages, "stream": True}

    async def _stream(self, request: CoachRequest) -> AsyncIterator[str]:
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        await self._guard.check(self._url)
        async with self._client.stream(
            "POST", self._url, json=self._body(request), headers=headers
        ) as response:
            response.raise_for_status()
            lines = response.aiter_lines()
            async for line in lines:
                chunk = _content_of(line)
                if chunk is _DONE:
                    break
                if chunk:
                    yield chunk
            # The body is read to its end (right after [DONE]) so the connection goes
            # back to the pool; a server that keeps sending costs its connection only.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(DRAIN_SECONDS):
                    async for _ in lines:
                        pass


_DONE = "\x00done"


def _content_of(line: str) -> str | None:
    """The text an SSE line carries; `_DONE` at the end marker; None for anything else."""
    if not line.startswith("data:"):
        return None
    data = line[len("data:") :].strip()
    if data == "[DONE]":
        return _DONE
    try:
        event = json.loads(data)
        content = event["choices"][0]["delta"].get("content")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        log.warning("skipped an unreadable completion chunk")
        return None
    return content if isinstance(content, str) else None
