"""A coach backed by any OpenAI-compatible chat-completions endpoint, streamed over SSE."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx

from common.urlguard import UrlGuard
from subgraphs.chat.coach.provider import CoachReply, CoachRequest

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You are the LifeGraph coach: warm, concise and practical. You help the user set goals, "
    "keep habits and stay motivated across health, finance, family, career, learning and "
    "creativity. Answer in a few sentences."
)


class OpenAICompatibleCoach:
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
        self._timeout = timeout
        # Conversation text and the API key go only to a public https address (or to a
        # network listed in `outbound_allowed_networks`, e.g. an in-cluster model).
        self._guard = guard or UrlGuard()

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
        async with (
            httpx.AsyncClient(timeout=self._timeout, transport=self._guard.transport()) as client,
            client.stream("POST", self._url, json=self._body(request), headers=headers) as response,
        ):
            response.raise_for_status()
            async for line in response.aiter_lines():
                chunk = _content_of(line)
                if chunk is _DONE:
                    return
                if chunk:
                    yield chunk


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
