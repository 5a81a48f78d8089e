"""Chat through the router over the real subgraphs and the real bus."""

from __future__ import annotations

from typing import Any

from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

START = "mutation($i: StartDirectConversationInput!) { startDirectConversation(input: $i) { id } }"
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id text cursor } }"
AFTER = """
query($c: ID!, $after: String) {
  messages(conversationId: $c, after: $after, first: 50) {
    nodes { id text sender { displayName } }
  }
}
"""


PROPOSALS = """
query($c: ID!) { messages(conversationId: $c, first: 10) { nodes { proposal { id } } } }
"""
CONFIRM = "mutation($id: ID!) { confirmCoachProposal(input: {proposalId: $id}) { id } }"


async def _conversation(ada: Client, grace_id: str) -> str:
    started = await ada.ok_once_known(START, {"i": {"userId": grace_id}})
    conversation: str = started["startDirectConversation"]["id"]
    return conversation


async def test_a_retried_send_is_stored_once(new_client: NewClient) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    conversation = await _conversation(ada, await grace.sign_up("Grace"))
    message = {"conversationId": conversation, "text": "Lunch?", "clientMessageId": "c-1"}
    first = await ada.ok(SEND, {"i": message})
    retry = await ada.ok(SEND, {"i": message})
    assert retry["sendMessage"]["id"] == first["sendMessage"]["id"]
    history = await grace.ok(AFTER, {"c": conversation, "after": None})
    assert [m["text"] for m in history["messages"]["nodes"]] == ["Lunch?"]


async def test_a_client_back_online_catches_up_from_its_last_cursor(
    new_client: NewClient,
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    conversation = await _conversation(ada, await grace.sign_up("Grace"))
    seen = await ada.ok(SEND, {"i": {"conversationId": conversation, "text": "one"}})
    cursor = seen["sendMessage"]["cursor"]
    # Grace is offline while these arrive.
    for text in ("two", "three"):
        await ada.ok(SEND, {"i": {"conversationId": conversation, "text": text}})
    missed = await grace.ok(AFTER, {"c": conversation, "after": cursor})
    assert [(m["text"], m["sender"]["displayName"]) for m in missed["messages"]["nodes"]] == [
        ("two", "Ada"),
        ("three", "Ada"),
    ]


async def test_the_coach_turns_a_confirmed_wish_into_a_goal_and_says_so(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    opened = await ada.ok("mutation { openCoachConversation { id } }")
    coach = opened["openCoachConversation"]["id"]
    await ada.ok(SEND, {"i": {"conversationId": coach, "text": "I want to run a 5k by March"}})

    def proposed(data: dict[str, Any]) -> bool:
        return any(m["proposal"] for m in data["messages"]["nodes"])

    history = await eventually(lambda: ada.ok(PROPOSALS, {"c": coach}), proposed)
    [proposal] = [m["proposal"] for m in history["messages"]["nodes"] if m["proposal"]]
    await ada.ok(CONFIRM, {"id": proposal["id"]})

    def titled(data: dict[str, Any]) -> bool:
        return any(g["title"] == "Run a 5k" for g in data["myGoals"]["nodes"])

    # chat -> chat.coach.goal_requested -> goals creates it -> goals.coach_goal.created -> chat.
    goals = await eventually(
        lambda: ada.ok("{ myGoals { nodes { id title area } } }"), titled, within=30
    )
    [goal] = [g for g in goals["myGoals"]["nodes"] if g["title"] == "Run a 5k"]
    assert goal["area"] == "HEALTH"

    def confirmed(data: dict[str, Any]) -> bool:
        return any(goal["id"] in m["text"] for m in data["messages"]["nodes"])

    await eventually(lambda: ada.ok(AFTER, {"c": coach, "after": None}), confirmed, within=30)
