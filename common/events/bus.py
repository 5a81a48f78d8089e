"""What publishers and consumers see of the event bus, whatever carries it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from common.events.envelope import Event

EventHandler = Callable[[Event], Awaitable[None]]


class EventPublisher(Protocol):
    async def publish(self, event: Event) -> None: ...


class EventBus(Protocol):
    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def publish(self, event: Event) -> None: ...

    def subscribe(self, consumer: str, patterns: Sequence[str], handler: EventHandler) -> None:
        """Register a consumer; it starts receiving at `start_consuming`."""

    async def start_consuming(self) -> None: ...

    async def healthy(self) -> bool: ...


def topic_matches(pattern: str, routing_key: str) -> bool:
    """AMQP topic semantics: `*` is exactly one word, `#` zero or more."""
    return _match(pattern.split("."), routing_key.split("."))


def _match(pattern: list[str], words: list[str]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        return any(_match(rest, words[i:]) for i in range(len(words) + 1))
    if not words:
        return False
    return (head in ("*", words[0])) and _match(rest, words[1:])
