"""What every goals service shares: a clock, units of work with their events, patch sentinels."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, TypeVar

from pymongo.asynchronous.client_session import AsyncClientSession

from common import validation
from common.events import Event, OutboxPublisher, OutboxTransaction
from subgraphs.goals.domain import limits

Clock = Callable[[], datetime]
T = TypeVar("T")
Work = Callable[[OutboxTransaction], Awaitable[T]]


def system_clock() -> datetime:
    return datetime.now(UTC)


class _Unset:
    """Marks a patch field the client did not send (distinct from an explicit null)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


@dataclass
class Deps:
    publisher: OutboxPublisher
    clock: Clock = system_clock

    async def atomically(self, work: Work[T], tx: OutboxTransaction | None = None) -> T:
        """Run `work` in `tx`, or in a transaction of its own (re-run on write conflicts).

        Everything a write changes and the events it publishes commit together:
        a process dying half-way leaves nothing half-written and nothing unsent.
        `work` must do its reads through `tx.session` too, so a re-run starts afresh.
        """
        if tx is not None:
            return await work(tx)
        return await self.publisher.run_in_transaction(work)

    def joining(self, session: AsyncClientSession) -> OutboxTransaction:
        """A unit of work inside a transaction someone else opened (a consumer's)."""
        return OutboxTransaction(self.publisher, session)


async def publish_all(tx: OutboxTransaction, events: Iterable[Event]) -> None:
    for event in events:
        await tx.publish(event)


def require_text(value: str, *, field: str, max_length: int = limits.TITLE_CHARS) -> str:
    return validation.text(value, field=field, max_chars=max_length, required=True)


def description(value: str, *, field: str = "description") -> str:
    return validation.text(value, field=field, max_chars=limits.DESCRIPTION_CHARS)
