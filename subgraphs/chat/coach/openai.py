"""A coach backed by any OpenAI-compatible chat-completions endpoint, streamed over SSE.

The model gets the user's context (goals, habits, streaks; `CoachContext`) in a system
message and the coach's tools (`coach/tools.py`) through the tool-calling API. A tool
call is only ever a proposal, checked server-side like any client input.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from common.urlguard import UrlGuard
from subgraphs.chat.coach.provider import CoachContext, CoachReply, CoachRequest
from subgraphs.chat.coach.tools import TOOLS, ToolRefused, parse_call, question

log = logging.getLogger(__name__)

# How long the rest of a body after [DONE] may take before its connection is dropped.
DRAIN_SECONDS = 1.0

SYSTEM_PROMPT = (
    "You are the LifeGraph coach: warm, concise and practical. You help the user set goals, "
    "keep habits and stay motivated across health, finance, family, career, learning and "
    "creativity. Answer in a few sentences. When the user wants something done (a goal "
    "created, a habit checked in, a tracker logged, a goal's progress set, a task ticked "
    "off, a block "
    "scheduled), call the matching tool once with ids from the context; the user confirms "
    "it before it happens, so never say it is done."
)
# A model's tool-call arguments are read up to this size; the rest is dropped.
MAX_TOOL_ARGUMENT_CHARS = 8000


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
        reply = CoachReply(_nothing())
        reply.chunks = self._stream(request, reply)
        return reply

    def _body(self, request: CoachRequest) -> dict[str, Any]:
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "system", "content": context_message(request)},
        ]
        for turn in request.history:
            role = "assistant" if turn.role == "coach" else "user"
            messages.append({"role": role, "content": turn.text})
        if not request.history or request.history[-1].text != request.text:
            messages.append({"role": "user", "content": request.text})
        return {
            "model": self._model,
            "messages": messages,
            "stream": True,
            "tools": TOOLS,
            "tool_choice": "auto",
            "parallel_tool_calls": False,
        }

    async def _stream(self, request: CoachRequest, reply: CoachReply) -> AsyncIterator[str]:
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        await self._guard.check(self._url)
        async with self._client.stream(
            "POST", self._url, json=self._body(request), headers=headers
        ) as response:
            response.raise_for_status()
            lines = response.aiter_lines()
            calls = _ToolCalls()
            said = False
            async for line in lines:
                delta = _delta_of(line)
                if delta is _DONE:
                    break
                if not isinstance(delta, dict):
                    continue
                calls.add(delta.get("tool_calls"))
                content = delta.get("content")
                if isinstance(content, str) and content:
                    said = True
                    yield content
            # The body is read to its end (right after [DONE]) so the connection goes
            # back to the pool; a server that keeps sending costs its connection only.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(DRAIN_SECONDS):
                    async for _ in lines:
                        pass
        if calls.any():
            offer = calls.proposal(request, reply)
            yield f"\n\n{offer}" if said else offer


_DONE = "\x00done"


async def _nothing() -> AsyncIterator[str]:
    empty: tuple[str, ...] = ()
    for chunk in empty:
        yield chunk


def context_message(request: CoachRequest) -> str:
    """What the model knows of the user: bounded by the service, ids for its tools."""
    context: CoachContext = request.context
    facts = {
        "today": request.today.isoformat(),
        "active_goals": [
            {"id": g.id, "title": g.title, "area": g.area, "progress": g.progress}
            for g in context.goals
        ],
        "open_tasks": [{"id": t.id, "title": t.title, "due": t.due_day} for t in context.tasks],
        "habits": [
            {
                "id": h.id,
                "title": h.title,
                "current_streak": h.current_streak,
                "longest_streak": h.longest_streak,
                "checked_in_days": list(h.recent_days),
                "checked_in_today": request.today.isoformat() in h.recent_days,
            }
            for h in context.habits
        ],
    }
    return "The user's goals and habits (JSON): " + json.dumps(facts, separators=(",", ":"))


@dataclass
class _Call:
    name: str = ""
    arguments: str = ""


@dataclass
class _ToolCalls:
    """Tool calls as they stream in: a name, then its arguments in pieces, per index."""

    calls: dict[int, _Call] = field(default_factory=dict)
    malformed: bool = False

    def add(self, deltas: object) -> None:
        if deltas is None:
            return
        if not isinstance(deltas, list):
            self.malformed = True
            return
        for delta in deltas:
            index = delta.get("index", 0) if isinstance(delta, dict) else None
            function = delta.get("function") if isinstance(delta, dict) else None
            if not isinstance(index, int) or not isinstance(function, dict):
                self.malformed = True
                continue
            call = self.calls.setdefault(index, _Call())
            name, arguments = function.get("name"), function.get("arguments")
            if isinstance(name, str):
                call.name += name
            if isinstance(arguments, str) and len(call.arguments) < MAX_TOOL_ARGUMENT_CHARS:
                call.arguments += arguments[: MAX_TOOL_ARGUMENT_CHARS - len(call.arguments)]

    def any(self) -> bool:
        return self.malformed or bool(self.calls)

    def proposal(self, request: CoachRequest, reply: CoachReply) -> str:
        """The question for the first call, set on `reply`; else why nothing is proposed."""
        if self.malformed or not self.calls:
            return "Sorry, I can't propose that: I got confused there (my request was garbled)."
        first = self.calls[min(self.calls)]
        try:
            action = parse_call(
                first.name, first.arguments, request.context, request.today, request.now
            )
        except ToolRefused as refused:
            log.info("the coach model's tool call was refused", extra={"tool": first.name[:64]})
            return f"Sorry, I can't propose that: {refused}"
        reply.action = action
        return question(action)


def _delta_of(line: str) -> dict[str, Any] | str | None:
    """The delta an SSE line carries; `_DONE` at the end marker; None for anything else."""
    if not line.startswith("data:"):
        return None
    data = line[len("data:") :].strip()
    if data == "[DONE]":
        return _DONE
    try:
        event = json.loads(data)
        delta = event["choices"][0]["delta"]
    except (ValueError, KeyError, IndexError, TypeError):
        log.warning("skipped an unreadable completion chunk")
        return None
    return delta if isinstance(delta, dict) else None
