"""Real-time fan-out over pub/sub: what travels on a conversation's and a user's channel.

One channel per conversation carries new and changed messages, typing, read
receipts and membership removals, so every stream of a member sees a removal
and can end.
Payloads are self-contained: a replica receiving one needs no database read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterable, AsyncIterator, Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from common.pubsub import PubSub, Subscription
from common.pubsub.resume import replay_then_live
from subgraphs.chat.models import Message, ProfileCard

E = TypeVar("E")
T = TypeVar("T")

UpdateReason = Literal["created", "message", "read", "members", "removed"]


def conversation_channel(conversation_id: str) -> str:
    return f"chat:conversation:{conversation_id}"


def user_channel(user_id: str) -> str:
    return f"chat:user:{user_id}"


@dataclass(frozen=True, slots=True)
class MessageSignal:
    change: Literal["added", "updated"]
    message: Message
    # The sender's card as it was when the message was announced; None for the coach
    # or a sender chat does not know.
    sender: ProfileCard | None
    # False for a message replayed from the store to a resumed stream: no card came
    # with it, so `sender` means nothing and the card is read when asked for.
    announced: bool = True


@dataclass(frozen=True, slots=True)
class TypingSignal:
    conversation_id: str
    user: ProfileCard
    is_typing: bool
    at: datetime


@dataclass(frozen=True, slots=True)
class ReadSignal:
    """A member's read position moved: the others' read receipts change."""

    conversation_id: str
    user_id: str
    message_id: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ConversationSignal:
    conversation_id: str
    reason: UpdateReason


ConversationStreamSignal = MessageSignal | TypingSignal | ReadSignal


class LiveStream(Generic[E]):
    """An async iterator that owns its pub/sub subscription and releases it on `aclose`.

    graphql-core closes a subscription's source with `aclose`, also when the
    client completes before the first event, which a plain generator that was
    never started would not clean up.
    """

    def __init__(self, stack: AsyncExitStack, source: AsyncIterator[E]) -> None:
        self._stack = stack
        self._source = source

    def __aiter__(self) -> LiveStream[E]:
        return self

    async def __anext__(self) -> E:
        return await anext(self._source)

    async def aclose(self) -> None:
        closer = getattr(self._source, "aclose", None)
        try:
            if closer is not None:
                await closer()
        finally:
            await self._stack.aclose()

    def select(self, pick: Callable[[E], T | None]) -> LiveStream[T]:
        """The same stream keeping only what `pick` maps to something other than None."""

        source = self._source

        async def picked() -> AsyncIterator[T]:
            try:
                async for item in source:
                    chosen = pick(item)
                    if chosen is not None:
                        yield chosen
            finally:
                closer = getattr(source, "aclose", None)
                if closer is not None:
                    await closer()

        return LiveStream(self._stack, picked())

    def resumed(
        self, backlog: AsyncIterable[E], *, position: Callable[[E], int], after: int
    ) -> LiveStream[E]:
        """The backlog after position `after`, then this stream's items past it
        (`common.pubsub.resume`): the backlog must be read after this stream subscribed."""
        return LiveStream(
            self._stack,
            replay_then_live(self._source, backlog, position=position, after=after),
        )


class LiveFeed:
    def __init__(self, pubsub: PubSub) -> None:
        self._pubsub = pubsub

    async def message(
        self, change: Literal["added", "updated"], message: Message, sender: ProfileCard | None
    ) -> None:
        await self._pubsub.publish(
            conversation_channel(message.conversation_id),
            {
                "kind": f"message_{change}",
                "message": message.model_dump(mode="json"),
                "sender": sender.model_dump(mode="json") if sender else None,
            },
        )

    async def typing(
        self, conversation_id: str, user: ProfileCard, is_typing: bool, at: datetime
    ) -> None:
        await self._pubsub.publish(
            conversation_channel(conversation_id),
            {
                "kind": "typing",
                "user": user.model_dump(mode="json"),
                "is_typing": is_typing,
                "at": at.isoformat(),
            },
        )

    async def read(self, conversation_id: str, user_id: str, message_id: str, at: datetime) -> None:
        await self._pubsub.publish(
            conversation_channel(conversation_id),
            {"kind": "read", "user_id": user_id, "message_id": message_id, "at": at.isoformat()},
        )

    async def members_removed(self, conversation_id: str, user_ids: Sequence[str]) -> None:
        await self._pubsub.publish(
            conversation_channel(conversation_id),
            {"kind": "members_removed", "user_ids": list(user_ids)},
        )

    async def conversation_changed(
        self, conversation_id: str, user_ids: Sequence[str], reason: UpdateReason
    ) -> None:
        for user_id in user_ids:
            await self._pubsub.publish(
                user_channel(user_id),
                {"kind": "conversation", "conversation_id": conversation_id, "reason": reason},
            )

    async def subscribe(self, channel: str) -> tuple[AsyncExitStack, Subscription]:
        """A live subscription: anything published once this returns is delivered."""
        stack = AsyncExitStack()
        subscription = await stack.enter_async_context(self._pubsub.subscribe(channel))
        return stack, subscription


async def conversation_signals(
    subscription: Subscription, viewer_id: str
) -> AsyncIterator[ConversationStreamSignal]:
    """Decoded signals of one conversation; ends when the viewer is removed from it."""
    async for raw in subscription:
        kind = raw.get("kind")
        if kind == "members_removed":
            if viewer_id in raw.get("user_ids", ()):
                return
        elif kind in ("message_added", "message_updated"):
            yield _message_signals.decode(raw)
        elif kind == "typing":
            yield _typing(subscription.channel, raw)
        elif kind == "read":
            yield ReadSignal(
                conversation_id=subscription.channel.rsplit(":", 1)[-1],
                user_id=str(raw["user_id"]),
                message_id=str(raw["message_id"]),
                at=datetime.fromisoformat(raw["at"]),
            )


class _MessageSignals:
    """Message signals decoded once per process, not once per subscriber.

    The pub/sub hands every subscriber of a channel the same decoded payload, so
    the first subscriber to reach it decodes it for all (validating a message
    per subscriber was a tenth of a thousand-subscriber fan-out). The payload is
    kept with its signal, so its `id` cannot be reused while it is remembered.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._recent: OrderedDict[int, tuple[dict[str, Any], MessageSignal]] = OrderedDict()

    def decode(self, raw: dict[str, Any]) -> MessageSignal:
        known = self._recent.get(id(raw))
        if known is not None and known[0] is raw:
            return known[1]
        change: Literal["added", "updated"] = (
            "added" if raw["kind"] == "message_added" else "updated"
        )
        sender = raw.get("sender")
        signal = MessageSignal(
            change,
            Message.model_validate(raw["message"]),
            ProfileCard.model_validate(sender) if sender else None,
        )
        self._recent[id(raw)] = (raw, signal)
        if len(self._recent) > self._size:
            self._recent.popitem(last=False)
        return signal


_message_signals = _MessageSignals()


async def user_signals(subscription: Subscription) -> AsyncIterator[ConversationSignal]:
    async for raw in subscription:
        if raw.get("kind") == "conversation":
            yield ConversationSignal(raw["conversation_id"], raw["reason"])


def _typing(channel: str, raw: dict[str, Any]) -> TypingSignal:
    return TypingSignal(
        conversation_id=channel.rsplit(":", 1)[-1],
        user=ProfileCard.model_validate(raw["user"]),
        is_typing=bool(raw["is_typing"]),
        at=datetime.fromisoformat(raw["at"]),
    )
