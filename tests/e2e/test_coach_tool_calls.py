"""The OpenAI-compatible coach through the router, against a loopback chat-completions server
that answers with tool calls, valid and malformed: only a valid call about the user's own
data becomes a proposal; anything else gets a clear reply and stores nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, serve_lifegraph

OPEN = "mutation { openCoachConversation { id } }"
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"
HISTORY = """
query($c: ID!) {
  messages(conversationId: $c, first: 40) {
    nodes { id text replyTo isStreaming proposal { id kind habitId day } }
  }
}
"""
CONFIRM = "mutation($id: ID!) { confirmCoachProposal(input: {proposalId: $id}) { status } }"
CREATE_HABIT = "mutation($t: String!) { createHabit(input: {title: $t}) { id today } }"
HABIT = "query($id: ID!) { habit(id: $id) { checkedInToday } }"
TRACKERS = "{ trackerEntries { nodes { metric } } }"

Delta = dict[str, Any]


class ToolCallingModel:
    """Streams the next scripted list of deltas per request; unscripted, it reads back the
    context message it was given (so a test sees what the coach knows)."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.script: list[list[Delta]] = []
        self.app = Starlette(routes=[Route("/v1/chat/completions", self.answer, methods=["POST"])])

    async def answer(self, request: Request) -> StreamingResponse:
        body = await request.json()
        self.bodies.append(body)
        deltas = (
            self.script.pop(0) if self.script else [{"content": body["messages"][1]["content"]}]
        )
        return StreamingResponse(_events(deltas), media_type="text/event-stream")


async def _events(deltas: list[Delta]) -> AsyncIterator[str]:
    for delta in deltas:
        yield f"data: {json.dumps({'choices': [{'index': 0, 'delta': delta}]})}\n\n"
    yield "data: [DONE]\n\n"


def tool_call(name: str, arguments: str, *, pieces: int = 1) -> list[Delta]:
    """A call as models stream it: the name first, the arguments in `pieces`."""
    size = max(1, -(-len(arguments) // pieces))
    parts = [arguments[i : i + size] for i in range(0, len(arguments), size)] or [""]
    first: Delta = {
        "tool_calls": [
            {
                "index": 0,
                "id": "call_1",
                "type": "function",
                "function": {"name": name, "arguments": parts[0]},
            }
        ]
    }
    rest = [{"tool_calls": [{"index": 0, "function": {"arguments": p}}]} for p in parts[1:]]
    return [first, *rest]


async def _ask(ada: Client, coach: str, text: str) -> dict[str, Any]:
    sent = (await ada.ok(SEND, {"i": {"conversationId": coach, "text": text}}))["sendMessage"]

    async def history() -> list[dict[str, Any]]:
        nodes: list[dict[str, Any]] = (await ada.ok(HISTORY, {"c": coach}))["messages"]["nodes"]
        return nodes

    def answered(nodes: list[dict[str, Any]]) -> bool:
        return any(m["replyTo"] == sent["id"] and not m["isStreaming"] for m in nodes)

    nodes = await eventually(history, answered, within=30)
    reply: dict[str, Any] = next(m for m in nodes if m["replyTo"] == sent["id"])
    return reply


async def test_tool_calls_become_proposals_only_when_every_argument_checks_out(
    settings: Settings,
) -> None:
    model = ToolCallingModel()
    async with (
        serve_in_loop(model.app) as llm,
        serve_lifegraph(
            settings,
            coach_openai_base_url=f"{llm}/v1",
            coach_openai_model="coach-tools",
            # The loopback model server is refused by the URL guard otherwise.
            outbound_allowed_networks=["127.0.0.0/8"],
        ) as url,
        httpx.AsyncClient(timeout=30) as http,
    ):
        ada, eve = Client(http, url), Client(http, url)
        await ada.sign_up("Ada")
        await eve.sign_up("Eve")
        coach = (await ada.ok(OPEN))["openCoachConversation"]["id"]
        stretch = (await ada.ok(CREATE_HABIT, {"t": "Stretch"}))["createHabit"]
        evens = (await eve.ok(CREATE_HABIT, {"t": "Eve's run"}))["createHabit"]

        async def context() -> str:
            return str((await _ask(ada, coach, "what do you know?"))["text"])

        known = await eventually(context, lambda text: stretch["id"] in text, within=30)
        assert '"title":"Stretch"' in known
        assert evens["id"] not in known

        refused = {
            "something I can't do": tool_call("delete_account", "{}"),
            "garbled": tool_call("check_in_habit", '{"habit_id": '),
            "isn't a number": tool_call("log_tracker", '{"metric":"sleep_hours","value":"8"}'),
            "today or the past week": tool_call(
                "check_in_habit", json.dumps({"habit_id": stretch["id"], "day": "2001-01-01"})
            ),
            "one of your own habits": tool_call(
                "check_in_habit", json.dumps({"habit_id": evens["id"]})
            ),
            "`sneaky`": tool_call(
                "check_in_habit", json.dumps({"habit_id": stretch["id"], "sneaky": True})
            ),
        }
        for says, deltas in refused.items():
            model.script.append(deltas)
            reply = await _ask(ada, coach, "do it")
            assert reply["proposal"] is None, says
            assert reply["text"].startswith("Sorry, I can't propose that:"), reply["text"]
            assert says in reply["text"]

        model.script.append(
            [
                {"content": "Great job!"},
                *tool_call("check_in_habit", json.dumps({"habit_id": stretch["id"]}), pieces=4),
            ]
        )
        offer = await _ask(ada, coach, "I did my stretch")
        assert offer["text"] == (
            f"Great job!\n\nShall I check in Stretch for {stretch['today']}? Confirm below."
        )
        assert (offer["proposal"]["kind"], offer["proposal"]["habitId"]) == (
            "CHECK_IN",
            stretch["id"],
        )
        # Nothing was stored for the refused calls, and nothing yet for the proposal.
        assert (await ada.ok(TRACKERS))["trackerEntries"]["nodes"] == []
        assert (await ada.ok(HABIT, {"id": stretch["id"]}))["habit"]["checkedInToday"] is False
        assert (await eve.ok(HABIT, {"id": evens["id"]}))["habit"]["checkedInToday"] is False

        await ada.ok(CONFIRM, {"id": offer["proposal"]["id"]})
        done = f"Done! Stretch is checked in for {stretch['today']}."

        async def texts() -> list[str]:
            nodes = (await ada.ok(HISTORY, {"c": coach}))["messages"]["nodes"]
            return [m["text"] for m in nodes]

        await eventually(texts, lambda seen: done in seen, within=30)
        assert (await ada.ok(HABIT, {"id": stretch["id"]}))["habit"]["checkedInToday"] is True

    body = model.bodies[-1]
    assert body["model"] == "coach-tools"
    assert [t["function"]["name"] for t in body["tools"]] == [
        "create_goal",
        "check_in_habit",
        "log_tracker",
        "update_goal_progress",
        "complete_task",
        "schedule",
    ]
    assert body["messages"][1]["role"] == "system"
    assert stretch["id"] in body["messages"][1]["content"]
