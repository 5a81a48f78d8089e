"""Fixture subgraphs built with the kit: `messages` (subscriptions) and `people` (User fields).

A `Tracker` shared with the test records what the subgraphs saw, so tests can
wait for server-side effects (a subscription going live or ending, the
`_entities` batches) instead of sleeping.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from typing import Any

import strawberry
from strawberry.federation.schema_directives import Key
from strawberry.federation.types import FieldSet

from common.app import Runtime, SubgraphDefinition
from common.errors import Forbidden
from common.graphql.context import RequestContext
from common.graphql.loaders import batch_loader
from common.graphql.schema import build_schema
from common.pubsub import PubSub

MEMBERS = {"c1": {"alice", "bob"}, "c2": {"alice"}, "secret": {"carol"}}
PEOPLE = {
    name: {"displayName": name.title(), "avatarUrl": f"https://img.test/{name}.png"}
    for name in ("alice", "bob", "carol", "dave")
}


@dataclass(frozen=True)
class Opened:
    user_id: str
    request_id: str
    conversation_id: str
    # The upstream socket's handshake headers (the header rules put theirs there).
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Tracker:
    live: dict[str, int] = field(default_factory=dict)
    opened: list[Opened] = field(default_factory=list)
    entity_batches: list[list[str]] = field(default_factory=list)
    entity_callers: list[str | None] = field(default_factory=list)
    entity_headers: list[dict[str, str]] = field(default_factory=list)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def changed(self) -> None:
        self._changed.set()

    async def wait_for(self, condition: Callable[[], bool], within: float = 10.0) -> None:
        async with asyncio.timeout(within):
            while not condition():
                self._changed.clear()
                await self._changed.wait()

    async def wait_live(self, conversation_id: str, count: int, within: float = 10.0) -> None:
        await self.wait_for(lambda: self.live.get(conversation_id, 0) == count, within)


@dataclass
class MessagesServices:
    tracker: Tracker
    pubsub: PubSub


@dataclass
class PeopleServices:
    tracker: Tracker


MessagesInfo = strawberry.Info[RequestContext[MessagesServices], None]
PeopleInfo = strawberry.Info[RequestContext[PeopleServices], None]


def _channel(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


@strawberry.federation.type(
    name="User", keys=[Key(fields=FieldSet("id"), resolvable=False)], description="A person."
)
class UserRef:
    id: strawberry.ID = strawberry.field(description="The user's id.")


@strawberry.federation.type(keys=["id"], description="A chat message.")
class Message:
    id: strawberry.ID = strawberry.field(description="The message id.")
    conversation_id: strawberry.ID = strawberry.field(description="Where it was posted.")
    text: str = strawberry.field(description="What was said.")
    sender: UserRef = strawberry.field(description="Who said it.")
    mentions: list[UserRef] = strawberry.field(description="Who it mentions.")

    @classmethod
    def of(cls, payload: dict[str, Any]) -> Message:
        return cls(
            id=strawberry.ID(payload["id"]),
            conversation_id=strawberry.ID(payload["conversationId"]),
            text=payload["text"],
            sender=UserRef(id=strawberry.ID(payload["senderId"])),
            mentions=[UserRef(id=strawberry.ID(m)) for m in payload["mentions"]],
        )


@strawberry.input(description="A message to post.")
class SendMessageInput:
    conversation_id: strawberry.ID = strawberry.field(description="Where to post it.")
    text: str = strawberry.field(description="What to say.")
    # No list default: this branch's composition predates printing `[]` defaults.
    mentions: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Who to mention."
    )


@strawberry.input(description="Many large messages at once, for backpressure tests.")
class FloodInput:
    conversation_id: strawberry.ID = strawberry.field(description="Where to post them.")
    count: int = strawberry.field(description="How many.")
    size: int = strawberry.field(description="Characters of text in each.")


async def _publish(
    info: MessagesInfo, conversation_id: str, text: str, mentions: list[str]
) -> Message:
    viewer = await info.context.require_viewer()
    payload = {
        "id": f"m-{id(text)}-{len(text)}",
        "conversationId": conversation_id,
        "text": text,
        "senderId": viewer.user_id,
        "mentions": mentions,
    }
    await info.context.services.pubsub.publish(_channel(conversation_id), payload)
    return Message.of(payload)


@strawberry.type(description="Messages queries.")
class MessagesQuery:
    @strawberry.field(description="How many subscriptions are live in a conversation.")
    def live(self, info: MessagesInfo, conversation_id: strawberry.ID) -> int:
        return info.context.services.tracker.live.get(str(conversation_id), 0)


@strawberry.type(description="Messages mutations.")
class MessagesMutation:
    @strawberry.mutation(description="Posts a message and tells every subscriber.")
    async def send_message(self, info: MessagesInfo, input: SendMessageInput) -> Message:
        return await _publish(
            info, str(input.conversation_id), input.text, [str(m) for m in input.mentions or ()]
        )

    @strawberry.mutation(description="Posts `count` messages of `size` characters.")
    async def flood(self, info: MessagesInfo, input: FloodInput) -> int:
        for index in range(input.count):
            # Random text: permessage-deflate must not shrink it to nothing.
            text = f"{index:06d}" + secrets.token_urlsafe(input.size)[: max(0, input.size - 6)]
            await _publish(info, str(input.conversation_id), text, [])
        return input.count


@strawberry.type(description="Messages subscriptions.")
class MessagesSubscription:
    @strawberry.subscription(description="Messages posted in a conversation the caller is in.")
    async def message_added(
        self, info: MessagesInfo, conversation_id: strawberry.ID
    ) -> AsyncGenerator[Message, None]:
        viewer = await info.context.require_viewer()
        conversation = str(conversation_id)
        if viewer.user_id not in MEMBERS.get(conversation, set()):
            raise Forbidden("You are not a member of this conversation.")
        services = info.context.services
        tracker = services.tracker
        async with services.pubsub.subscribe(_channel(conversation)) as subscription:
            handshake = dict(info.context.request.headers)
            tracker.opened.append(
                Opened(viewer.user_id, info.context.request_id, conversation, handshake)
            )
            tracker.live[conversation] = tracker.live.get(conversation, 0) + 1
            tracker.changed()
            try:
                async for payload in subscription:
                    yield Message.of(payload)
            finally:
                tracker.live[conversation] -= 1
                tracker.changed()

    @strawberry.subscription(description="Counts down from `start` to 1, then completes.")
    async def countdown(self, start: int) -> AsyncGenerator[int, None]:
        for value in range(start, 0, -1):
            yield value


@strawberry.federation.type(keys=["id"], description="A person.")
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")
    display_name: str = strawberry.field(description="The name shown to others.")
    avatar_url: str = strawberry.field(description="Where their picture is.")

    @classmethod
    async def resolve_reference(cls, info: PeopleInfo, id: strawberry.ID) -> User | None:
        tracker = info.context.services.tracker

        async def fetch_many(ids: list[str]) -> dict[str, User]:
            tracker.entity_batches.append(ids)
            tracker.entity_callers.append(info.context.authorization)
            tracker.entity_headers.append(dict(info.context.request.headers))
            tracker.changed()
            return {
                i: User(
                    id=strawberry.ID(i),
                    display_name=PEOPLE[i]["displayName"],
                    avatar_url=PEOPLE[i]["avatarUrl"],
                )
                for i in ids
                if i in PEOPLE
            }

        return await info.context.loader("users", lambda: batch_loader(fetch_many)).load(str(id))


@strawberry.type(description="People queries.")
class PeopleQuery:
    @strawberry.field(description="A person by id.")
    def person(self, id: strawberry.ID) -> User | None:
        found = PEOPLE.get(str(id))
        if found is None:
            return None
        return User(id=id, display_name=found["displayName"], avatar_url=found["avatarUrl"])


def messages_subgraph(tracker: Tracker) -> SubgraphDefinition[MessagesServices]:
    async def build(runtime: Runtime) -> MessagesServices:
        return MessagesServices(tracker=tracker, pubsub=runtime.infra.pubsub)

    return SubgraphDefinition(
        name="messages",
        schema=build_schema(
            "messages",
            query=MessagesQuery,
            mutation=MessagesMutation,
            subscription=MessagesSubscription,
            types=[Message, UserRef],
        ),
        models=[],
        build=build,
    )


def people_subgraph(tracker: Tracker) -> SubgraphDefinition[PeopleServices]:
    async def build(runtime: Runtime) -> PeopleServices:
        return PeopleServices(tracker=tracker)

    return SubgraphDefinition(
        name="people",
        schema=build_schema("people", query=PeopleQuery, types=[User]),
        models=[],
        build=build,
    )
