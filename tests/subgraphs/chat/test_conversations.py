"""Direct, group and coach conversations over HTTP against the served subgraph."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from common.settings import Settings

from .support import Api

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]

ADD = """mutation($c: ID!, $u: [ID!]!) {
  addGroupMembers(input: {conversationId: $c, userIds: $u}) { members { id } admins { id } }
}"""
REMOVE = """mutation($c: ID!, $u: ID!) {
  removeGroupMember(input: {conversationId: $c, userId: $u}) { members { id } admins { id } }
}"""
CONVERSATION = "query($id: ID!) { conversation(id: $id) { id kind title members { id } } }"


def ids(users: list[dict[str, str]]) -> set[str]:
    return {u["id"] for u in users}


async def test_one_direct_conversation_per_pair_even_under_races(api: ApiFor) -> None:
    alice, bob = api("alice"), api("bob")
    first = await alice.direct("bob")
    assert await bob.direct("alice") == first
    raced = await asyncio.gather(
        *(alice.direct("carol") for _ in range(6)), api("carol").direct("alice")
    )
    assert len(set(raced)) == 1
    assert raced[0] != first
    data = await alice.data(CONVERSATION, id=first)
    assert data["conversation"]["kind"] == "DIRECT"
    assert ids(data["conversation"]["members"]) == {"alice", "bob"}


async def test_direct_conversation_needs_another_valid_user(api: ApiFor) -> None:
    alice = api("alice")
    assert (
        await alice.error_code(
            'mutation { startDirectConversation(input: {userId: "alice"}) { id } }'
        )
        == "BAD_USER_INPUT"
    )
    assert (
        await alice.error_code(
            'mutation { startDirectConversation(input: {userId: "no spaces"}) { id } }'
        )
        == "BAD_USER_INPUT"
    )


async def test_group_admins_manage_members(api: ApiFor) -> None:
    alice, bob, carol = api("alice"), api("bob"), api("carol")
    group = await alice.group("Runners", ["bob", "carol"])
    data = await alice.data(CONVERSATION, id=group)
    assert data["conversation"]["title"] == "Runners"

    # Members who are not admins cannot add or remove others.
    assert await bob.error_code(ADD, c=group, u=["dave"]) == "FORBIDDEN"
    assert await bob.error_code(REMOVE, c=group, u="carol") == "FORBIDDEN"

    added = await alice.data(ADD, c=group, u=["dave", "bob"])
    assert ids(added["addGroupMembers"]["members"]) == {"alice", "bob", "carol", "dave"}
    assert ids(added["addGroupMembers"]["admins"]) == {"alice"}

    removed = await alice.data(REMOVE, c=group, u="carol")
    assert ids(removed["removeGroupMember"]["members"]) == {"alice", "bob", "dave"}
    assert await carol.error_code(CONVERSATION, id=group) == "FORBIDDEN"

    # Anyone may leave; when the last admin leaves, the longest-standing member takes over.
    left = await alice.data(REMOVE, c=group, u="alice")
    assert ids(left["removeGroupMember"]["admins"]) == {"bob"}
    assert await bob.data(ADD, c=group, u=["erin"])


async def test_group_rules_reject_bad_requests(api: ApiFor) -> None:
    alice = api("alice")
    assert (
        await alice.error_code(
            'mutation { createGroupConversation(input: {title: " ", memberIds: ["bob"]}) { id } }'
        )
        == "BAD_USER_INPUT"
    )
    assert (
        await alice.error_code(
            'mutation { createGroupConversation(input: {title: "Solo", memberIds: ["alice"]}) '
            "{ id } }"
        )
        == "BAD_USER_INPUT"
    )
    direct = await alice.direct("bob")
    assert await alice.error_code(ADD, c=direct, u=["carol"]) == "BAD_USER_INPUT"
    assert await api("mallory").error_code(ADD, c=direct, u=["carol"]) == "FORBIDDEN"
    assert await alice.error_code(CONVERSATION, id="000000000000000000000000") == "NOT_FOUND"


async def test_coach_conversation_is_created_on_first_use(api: ApiFor) -> None:
    open_coach = "mutation { openCoachConversation { id kind members { id } } }"
    first = (await api("alice").data(open_coach))["openCoachConversation"]
    again = await asyncio.gather(*(api("alice").data(open_coach) for _ in range(3)))
    assert {a["openCoachConversation"]["id"] for a in again} == {first["id"]}
    assert first["kind"] == "COACH"
    assert ids(first["members"]) == {"alice"}
    other = (await api("bob").data(open_coach))["openCoachConversation"]
    assert other["id"] != first["id"]


async def test_anonymous_callers_are_unauthenticated(chat_url: str) -> None:
    import httpx

    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{chat_url}/graphql", json={"query": "mutation { openCoachConversation { id } }"}
        )
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def _conversations_stored(settings: Settings) -> int:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        database = client[settings.database_name("chat")]
        return await database["conversations"].count_documents({})
    finally:
        await client.close()


async def test_made_up_or_deleted_users_are_not_found_and_nothing_is_stored(
    api: ApiFor, settings: Settings
) -> None:
    alice = api("alice")
    start = "mutation($u: ID!) { startDirectConversation(input: {userId: $u}) { id } }"
    create = """mutation($m: [ID!]!) {
      createGroupConversation(input: {title: "Team", memberIds: $m}) { id } }"""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        profiles = client[settings.database_name("chat")]["profiles"]
        await profiles.update_one({"user_id": "carol"}, {"$set": {"deleted": True}})
    finally:
        await client.close()

    assert await alice.error_code(start, u="zzz") == "NOT_FOUND"
    assert await alice.error_code(start, u="carol") == "NOT_FOUND"  # deleted
    assert await alice.error_code(create, m=["bob", "ghost"]) == "NOT_FOUND"
    assert await _conversations_stored(settings) == 0

    group = await alice.group("Team", ["bob"])
    assert await alice.error_code(ADD, c=group, u=["dave", "ghost"]) == "NOT_FOUND"
    members = (await alice.data(CONVERSATION, id=group))["conversation"]["members"]
    assert ids(members) == {"alice", "bob"}
    # The caller needs no profile: their verified token proves the account.
    assert await api("newcomer").direct("bob")


async def test_oversized_titles_member_lists_and_messages_are_refused_and_nothing_stored(
    api: ApiFor, settings: Settings
) -> None:
    alice = api("alice")
    create = """mutation($t: String!, $m: [ID!]!) {
      createGroupConversation(input: {title: $t, memberIds: $m}) { id } }"""
    too_many = [f"user-{n}" for n in range(300)]
    for title, members, field in (
        ("t" * 101, ["bob"], "title"),
        ("Team", too_many, "memberIds"),
        ("Team", ["bob"] * 1_500, "memberIds"),
    ):
        body = await alice.call(create, t=title, m=members)
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert await _conversations_stored(settings) == 0

    direct = await alice.direct("bob")
    send = """mutation($c: ID!, $t: String!) {
      sendMessage(input: {conversationId: $c, text: $t}) { id } }"""
    body = await alice.call(send, c=direct, t="x" * 4001)
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "text"}
    history = "query($c: ID!) { messages(conversationId: $c, first: 5) { nodes { id } } }"
    assert (await alice.data(history, c=direct))["messages"]["nodes"] == []
