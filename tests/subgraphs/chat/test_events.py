"""Events the chat subgraph publishes and consumes, on the real RabbitMQ."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from common.events import Event
from common.events.catalog import UserDeleted
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import wait_processed
from common.testing.waiting import wait_until

from .support import HISTORY, Api, captured_events, publish_event, texts

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]


async def test_a_sent_message_is_announced_for_offline_delivery(
    api: ApiFor, settings: Settings
) -> None:
    alice = api("alice")
    group = await alice.group("Team", ["bob", "carol"])
    async with captured_events(settings, "chat.message.#") as events:
        sent = await alice.send(group, "standup in 5", clientMessageId="s-1")
        # A retry stores nothing new and announces nothing new.
        await alice.send(group, "standup in 5", clientMessageId="s-1")
        second = await alice.send(group, "bring coffee")
        first_event, second_event = await events.next(), await events.next()
    assert first_event.type == "chat.message.sent"
    assert first_event.user_id == "alice"
    assert first_event.data == {
        "conversation_id": group,
        "message_id": sent["id"],
        "sender_id": "alice",
        "recipient_ids": ["bob", "carol"],
        "preview": "standup in 5",
    }
    assert second_event.data["message_id"] == second["id"]


async def test_deleting_a_user_erases_their_chat_data_idempotently(
    api: ApiFor, settings: Settings, infra: Infrastructure
) -> None:
    mongo = infra.mongo
    alice, bob = api("alice"), api("bob")
    direct = await alice.direct("bob")
    group = await alice.group("Team", ["bob", "carol"])
    await alice.send(direct, "hi bob")
    await bob.send(direct, "hi alice")
    await bob.send(group, "bob was here")
    await alice.send(group, "alice too")
    bob_coach = (await bob.data("mutation { openCoachConversation { id } }"))[
        "openCoachConversation"
    ]["id"]
    question = await bob.send(bob_coach, "check in meditation")

    async def answered() -> bool:
        page = (await bob.data(HISTORY, c=bob_coach, first=1))["messages"]
        return bool(page["edges"][0]["node"]["replyTo"] == question["id"])

    await wait_until(answered)  # the coach now remembers a check-in of bob's
    await bob.send(bob_coach, "I want to read 12 books this year")  # a reply owed, maybe

    deleted = Event.of("users.user.deleted", user_id="bob", data=UserDeleted(user_id="bob"))
    await publish_event(settings, deleted)

    async def erased() -> bool:
        page = (await alice.data(HISTORY, c=direct, first=10))["messages"]
        return texts(page) == ["hi bob"]

    await wait_until(erased)
    await publish_event(settings, deleted)  # redelivery changes nothing
    # A second erasure of bob, after it on the same consumer: once it is
    # processed, so is the redelivery (a user's events apply in order).
    again = Event.of("users.user.deleted", user_id="bob", data=UserDeleted(user_id="bob"))
    await publish_event(settings, again)
    chat_db = mongo[settings.database_name("chat")]
    await wait_processed(chat_db, "chat.user-erasure", again)
    group_view = await alice.data(
        "query($id: ID!) { conversation(id: $id) { members { id } } }", id=group
    )
    assert {m["id"] for m in group_view["conversation"]["members"]} == {"alice", "carol"}
    assert texts((await alice.data(HISTORY, c=group, first=10))["messages"]) == ["alice too"]
    assert await bob.error_code(HISTORY, c=direct, first=1) == "FORBIDDEN"
    assert await bob.error_code(HISTORY, c=bob_coach, first=1) == "NOT_FOUND"
    # The coach forgot bob, and owes him nothing.
    for collection in ("coach_checkins", "coach_goals", "coach_reply_jobs"):
        assert await chat_db[collection].count_documents({"user_id": "bob"}) == 0, collection
    # A later registration under the same id starts from nothing.
    fresh = (await bob.data("mutation { openCoachConversation { id } }"))["openCoachConversation"]
    assert fresh["id"] != bob_coach
