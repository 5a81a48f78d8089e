"""Senders' cards: the name and avatar chat provides beside messages, kept from users' events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from common.auth import Role
from common.events import Event
from common.events.catalog import Privacy, UserDeleted, UserRegistered, UserUpdated
from common.events.processed import MongoProcessedLog
from common.settings import Settings
from common.testing.tokens import TestKeys
from common.testing.waiting import wait_until
from subgraphs.chat.models import Profile
from subgraphs.chat.repository import ProfileRepository

from .support import Api, open_socket, publish_event

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]

SENDERS = """query($c: ID!) {
  messages(conversationId: $c, first: 10) { nodes { text sender { id displayName avatarUrl } } }
}"""
ADDED = """subscription($c: ID!) {
  messageAdded(conversationId: $c) { text sender { id displayName avatarUrl } }
}"""
TYPING = """subscription($c: ID!) {
  typing(conversationId: $c) { isTyping user { id displayName avatarUrl } }
}"""
T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def known_user_ids() -> tuple[str, ...]:
    # Alice, the sender here, is known to chat only through her token at first.
    return ("bob", "root")


def updated(user: str, name: str, *, avatar: str | None, privacy: Privacy, at: datetime) -> Event:
    data = UserUpdated(
        user_id=user,
        display_name=name,
        avatar_url=avatar,
        profile_privacy=privacy,
    )
    return Event.of("users.user.updated", user_id=user, data=data).model_copy(update={"time": at})


async def senders(api: Api, conversation: str) -> list[dict[str, Any] | None]:
    page = await api.data(SENDERS, c=conversation)
    return [m["sender"] for m in page["messages"]["nodes"]]


async def shows(api: Api, conversation: str, expected: dict[str, Any]) -> bool:
    return all(s == expected for s in await senders(api, conversation))


async def test_a_sender_is_introduced_by_their_token_then_kept_by_users_events(
    api: ApiFor, settings: Settings
) -> None:
    alice, bob = api("alice"), api("bob")
    direct = await alice.direct("bob")
    await alice.send(direct, "hi")
    # Users' events have not arrived: the verified token's name stands in.
    assert await senders(bob, direct) == [
        {"id": "alice", "displayName": "Member alice", "avatarUrl": None}
    ]

    avatar = "https://img.example/alice.png"
    await publish_event(settings, updated("alice", "Alice", avatar=avatar, privacy="public", at=T0))
    public = {"id": "alice", "displayName": "Alice", "avatarUrl": avatar}
    await wait_until(lambda: shows(bob, direct, public))

    # An older event arriving late (a redelivery) changes nothing; the newer one
    # after it, in the same user's lane, shows when both were handled.
    stale = updated("alice", "Old name", avatar=None, privacy="public", at=T0 - timedelta(days=1))
    await publish_event(settings, stale)
    newer = updated("alice", "Alice", avatar=avatar, privacy="private", at=T0 + timedelta(days=1))
    await publish_event(settings, newer)
    hidden = {"id": "alice", "displayName": "Alice", "avatarUrl": None}
    await wait_until(lambda: shows(bob, direct, hidden))


async def test_a_private_avatar_is_shown_only_to_its_owner_and_admins(
    api: ApiFor, chat_url: str, test_keys: TestKeys, settings: Settings
) -> None:
    alice = api("alice")
    group = await alice.group("Team", ["bob", "root"])
    await alice.send(group, "hello")
    avatar = "https://img.example/alice.png"
    await publish_event(
        settings, updated("alice", "Alice", avatar=avatar, privacy="followers", at=T0)
    )
    hidden = {"id": "alice", "displayName": "Alice", "avatarUrl": None}
    await wait_until(lambda: shows(api("bob"), group, hidden))

    shown = {"id": "alice", "displayName": "Alice", "avatarUrl": avatar}
    assert await shows(alice, group, shown)
    admin = Api(chat_url, test_keys, "root", roles=[Role.USER, Role.ADMIN])
    assert await shows(admin, group, shown)


async def test_live_messages_carry_the_card_as_it_was_when_sent(
    api: ApiFor, chat_url: str, test_keys: TestKeys, settings: Settings
) -> None:
    alice = api("alice")
    direct = await alice.direct("bob")
    registered = Event.of(
        "users.user.registered",
        user_id="alice",
        data=UserRegistered(user_id="alice", display_name="Alice Liddell"),
    )
    await publish_event(settings, registered)
    card = {"id": "alice", "displayName": "Alice Liddell", "avatarUrl": None}
    await alice.send(direct, "first")  # introduces alice if registration is still on its way
    await wait_until(lambda: shows(alice, direct, card))

    async with open_socket(chat_url, test_keys.token("bob")) as socket:
        op = await socket.subscribe(ADDED, c=direct)

        async def probe() -> None:
            await alice.send(direct, "probe")

        await socket.until_live(op, probe)
        await alice.send(direct, "how are you?")
        data = await socket.next_data(op, lambda d: d["messageAdded"]["text"] == "how are you?")
        assert data["messageAdded"]["sender"] == card

        typing = await socket.subscribe(TYPING, c=direct)
        await socket.until_live(typing, lambda: alice.typing(direct))
        await alice.typing(direct, False)
        stopped = await socket.next_data(typing, lambda d: not d["typing"]["isTyping"])
    assert stopped["typing"]["user"] == card


async def test_a_deleted_account_leaves_no_card_and_late_events_do_not_bring_it_back(
    api: ApiFor, settings: Settings
) -> None:
    alice = api("alice")
    direct = await alice.direct("bob")
    await alice.send(direct, "hi")
    profiles = ProfileRepository()
    assert list(await profiles.cards(["alice"])) == ["alice"]

    deleted = Event.of("users.user.deleted", user_id="alice", data=UserDeleted(user_id="alice"))
    await publish_event(settings, deleted)

    async def gone() -> bool:
        return await profiles.cards(["alice"]) == {}

    await wait_until(gone)
    late = updated("alice", "Alice", avatar=None, privacy="public", at=T0 + timedelta(days=365))
    await publish_event(settings, late)
    applied = MongoProcessedLog(Profile.get_pymongo_collection().database, "chat.profiles")
    await wait_until(lambda: applied.contains(late.id))
    assert await profiles.cards(["alice"]) == {}
