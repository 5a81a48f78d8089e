"""What every goals service shares: a clock, the publisher, patch sentinels."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, TypeVar

from common.errors import BadUserInput
from common.events import Event, EventPublisher

Clock = Callable[[], datetime]
T = TypeVar("T")


def system_clock() -> datetime:
    return datetime.now(UTC)


class _Unset:
    """Marks a patch field the client did not send (distinct from an explicit null)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


@dataclass
class Deps:
    publisher: EventPublisher
    clock: Clock = system_clock

    async def publish(self, events: Iterable[Event]) -> None:
        # Called only after the write it describes has succeeded.
        for event in events:
            await self.publisher.publish(event)


def require_text(value: str, *, field: str, max_length: int = 200) -> str:
    text = value.strip()
    if not text:
        raise BadUserInput(f"`{field}` must not be empty.", field=field)
    if len(text) > max_length:
        raise BadUserInput(f"`{field}` is longer than {max_length} characters.", field=field)
    return text
