"""The coach proposes, the user answers, through the router over the real subgraphs and bus."""

from __future__ import annotations

import asyncio
from typing import Any

from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

OPEN = "mutation { openCoachConversation { id } }"
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"
HISTORY = """
query($c: ID!) {
  messages(conversationId: $c, first: 20) {
    nodes { id text replyTo isStreaming proposal { id kind status title area dueDate } }
  }
}
"""
CONFIRM = """mutation($id: ID!) {
  confirmCoachProposal(input: {proposalId: $id}) { id status }
}"""
DECLINE = """mutation($id: ID!) {
  declineCoachProposal(input: {proposalId: $id}) { id status }
}"""
GOALS = "{ myGoals { nodes { id title } } }"


async def _coach(ada: Client) -> str:
    conversation: str = (await ada.ok(OPEN))["openCoachConversation"]["id"]
    return conversation


async def _propose(ada: Client, coach: str, wish: str) -> dict[str, Any]:
    """Ask the coach for a goal; its finished reply, carrying the proposal."""
    sent = (await ada.ok(SEND, {"i": {"conversationId": coach, "text": wish}}))["sendMessage"]

    def answered(data: dict[str, Any]) -> bool:
        return any(
            m["replyTo"] == sent["id"] and not m["isStreaming"] for m in data["messages"]["nodes"]
        )

    history = await eventually(lambda: ada.ok(HISTORY, {"c": coach}), answered)
    reply: dict[str, Any] = next(
        m for m in history["messages"]["nodes"] if m["replyTo"] == sent["id"]
    )
    return reply


async def _titles(ada: Client) -> list[str]:
    return [g["title"] for g in (await ada.ok(GOALS))["myGoals"]["nodes"]]


async def _goal_done(ada: Client, coach: str, title: str) -> None:
    """Wait until goals created `title` and the coach said so in the chat."""

    def said(data: dict[str, Any]) -> bool:
        return any(m["text"].startswith(f'Done! "{title}"') for m in data["messages"]["nodes"])

    await eventually(lambda: ada.ok(HISTORY, {"c": coach}), said, within=30)


def _code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def test_a_confirmed_proposal_becomes_exactly_one_goal(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = await _coach(ada)
    reply = await _propose(ada, coach, "I want to run a 5k by March")
    proposal = reply["proposal"]
    assert (proposal["kind"], proposal["status"], proposal["area"]) == ("GOAL", "PENDING", "health")
    assert "Shall I create the goal" in reply["text"]
    assert await _titles(ada) == []

    confirmed = await ada.ok(CONFIRM, {"id": proposal["id"]})
    assert confirmed["confirmCoachProposal"] == {"id": proposal["id"], "status": "CONFIRMED"}
    await _goal_done(ada, coach, "Run a 5k")
    assert await _titles(ada) == ["Run a 5k"]
    again = await ada.call(CONFIRM, {"id": proposal["id"]})
    assert _code(again) == "CONFLICT"
    assert again["errors"][0]["extensions"]["reason"] == "PROPOSAL_DECIDED"
    history = await ada.ok(HISTORY, {"c": coach})
    [shown] = [m for m in history["messages"]["nodes"] if m["id"] == reply["id"]]
    assert shown["proposal"]["status"] == "CONFIRMED"


async def test_confirmed_twice_at_once_acts_once(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = await _coach(ada)
    proposal = (await _propose(ada, coach, "I want to learn Spanish"))["proposal"]
    bodies = await asyncio.gather(*(ada.call(CONFIRM, {"id": proposal["id"]}) for _ in range(2)))
    won = [b for b in bodies if not b.get("errors")]
    lost = [b for b in bodies if b.get("errors")]
    assert len(won) == 1
    assert [_code(b) for b in lost] == ["CONFLICT"]
    await _goal_done(ada, coach, "Learn Spanish")
    assert await _titles(ada) == ["Learn Spanish"]
    history = await ada.ok(HISTORY, {"c": coach})
    assert sum(m["text"].startswith("Done!") for m in history["messages"]["nodes"]) == 1


async def test_a_declined_proposal_creates_nothing(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = await _coach(ada)
    declined = (await _propose(ada, coach, "I want to run a marathon"))["proposal"]
    answer = await ada.ok(DECLINE, {"id": declined["id"]})
    assert answer["declineCoachProposal"]["status"] == "DECLINED"
    assert _code(await ada.call(CONFIRM, {"id": declined["id"]})) == "CONFLICT"
    # A goal confirmed after it goes the same way; once it exists, the declined one
    # would have too.
    later = (await _propose(ada, coach, "I want to read 12 books"))["proposal"]
    await ada.ok(CONFIRM, {"id": later["id"]})
    await _goal_done(ada, coach, "Read 12 books")
    assert await _titles(ada) == ["Read 12 books"]


async def test_only_the_coachs_user_may_answer(new_client: NewClient) -> None:
    ada, mallory = new_client(), new_client()
    await ada.sign_up("Ada")
    await mallory.sign_up("Mallory")
    coach = await _coach(ada)
    proposal = (await _propose(ada, coach, "I want to save $500"))["proposal"]
    for mutation in (CONFIRM, DECLINE):
        assert _code(await mallory.call(mutation, {"id": proposal["id"]})) == "FORBIDDEN"
    for unknown in ("f" * 32, "no-such-proposal", "$gt", "9" * 400):
        assert _code(await ada.call(CONFIRM, {"id": unknown})) == "NOT_FOUND", unknown
    # Still Ada's to answer.
    history = await ada.ok(HISTORY, {"c": coach})
    [shown] = [m for m in history["messages"]["nodes"] if m["proposal"]]
    assert shown["proposal"]["status"] == "PENDING"
