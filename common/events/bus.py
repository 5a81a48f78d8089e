"""What publishers and consumers see of the event bus, whatever carries it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from common.events.envelope import Event

_log = logging.getLogger(__name__)

# `async def handler(event) -> None`: what `Runtime.consume` takes, besides `Transactional`.
EventHandler = Callable[[Event], Awaitable[None]]
# What a transactional handler may hand back: work for after its transaction
# committed, such as live notifications, which must never announce a write
# that was rolled back.
AfterCommit = Callable[[], Awaitable[None]]
SessionHandler = Callable[[Event, AsyncClientSession], Awaitable[AfterCommit | None]]
# A second lane for an event beyond its user's (a conversation's fan-out), or None.
LaneOf = Callable[[Event], str | None]


@dataclass(frozen=True)
class Transactional:
    """A handler whose writes join the transaction that records the event as processed.

    Made by `transactional(handler)`; pass it wherever a handler goes.

    ```python
    runtime.consume("community.users", ["users.user.*"], transactional(on_user))
    ```
    """

    handler: SessionHandler
    # Events sharing this key also apply one at a time in this process, so
    # transactions that write the same documents (one conversation's members'
    # inbox rows) queue instead of aborting each other and re-running.
    lane: LaneOf | None = None


def transactional(handler: SessionHandler, *, lane: LaneOf | None = None) -> Transactional:
    """Mark a handler `(event, session)`: its writes and the processed-id record commit together.

    The handler may return an `AfterCommit`; it runs once the commit succeeded,
    and its failure is logged without undoing the applied event. `lane(event)`
    names a second lane, besides the event's user, that the event holds while it
    applies: events whose transactions write the same documents serialise on it.

    ```python
    async def on_user(event: Event, session: AsyncClientSession) -> None:
        await profiles.sync(event.payload(), session=session)

    runtime.consume("community.users", ["users.user.*"], transactional(on_user))
    ```
    """
    return Transactional(handler, lane)


AnyHandler = EventHandler | Transactional


class DeadLetter(Exception):
    """Raised by a handler for an event it can never apply: dead-letter it without retrying.

    ```python
    if goal is None:
        raise DeadLetter(f"goal {payload.goal_id} does not exist")
    ```
    """


class RetryLater(Exception):
    """Raised by a handler for an event that cannot apply yet (say, during a maintenance lock).

    The event waits for the longest retry delay and comes back without using up
    its retries, as often as it takes: waiting is not failing.

    ```python
    if await rebuild_lock.held():
        raise RetryLater("projections are being rebuilt")
    ```
    """


# Set by the consumer around a transactional handler's attempt; None elsewhere.
_after_commit: ContextVar[list[AfterCommit] | None] = ContextVar(
    "lifegraph_after_commit", default=None
)


async def after_commit(callback: AfterCommit) -> None:
    """Run `callback` once the running transaction has committed: a transactional
    handler's, or `OutboxPublisher.run_in_transaction`'s.

    For side effects others must not see before the writes are visible (a live
    notification, waking a relay). Outside both it runs at once. An aborted
    attempt drops its callbacks; the retry registers its own. A failing callback
    is logged: the writes are committed by then.

    ```python
    await notifications.insert(notification, session=session)
    await after_commit(partial(announce, user_id, str(notification.id)))
    ```
    """
    pending = _after_commit.get()
    if pending is None:
        await callback()
    else:
        pending.append(callback)


@contextlib.contextmanager
def collecting_after_commit(callbacks: list[AfterCommit]) -> Iterator[None]:
    """Queue the `after_commit` callbacks of one transaction attempt in `callbacks`.

    Entered afresh by each attempt: a re-run after a conflict starts with none, so an
    aborted attempt's side effects never run.
    """
    callbacks.clear()
    token = _after_commit.set(callbacks)
    try:
        yield
    finally:
        _after_commit.reset(token)


async def run_after_commit(callbacks: list[AfterCommit], **context: object) -> None:
    """Run what a committed transaction queued; a failure is logged, never raised (the
    writes are committed by then), with `context` in the record."""
    for callback in callbacks:
        try:
            await callback()
        except Exception:
            _log.exception("after-commit callback failed", extra=context)


class EventPublisher(Protocol):
    """Anything events can be published to: a bus, or `OutboxPublisher`.

    ```python
    async def notify(publisher: EventPublisher, event: Event) -> None:
        await publisher.publish(event)
    ```
    """

    async def publish(self, event: Event) -> None:
        """Hand `event` over; returns once the carrier took it (a broker: confirmed)."""


@runtime_checkable
class ApplyingPublisher(Protocol):
    """A bus that holds events only in memory (the embedded one): taking one confirms nothing.

    `publish_applied` queues the event and returns a future that resolves once
    every consumer it was routed to has applied it (or dead-lettered it, after
    its retries, as a broker would move it to a durable dead-letter queue;
    the in-process bus keeps dead letters in memory). The outbox relay marks the
    row sent only then, so a crash before that delivers it again on restart,
    the at-least-once that a broker's durable queues give.
    """

    def publish_applied(self, event: Event) -> asyncio.Future[None]: ...


class EventBus(Protocol):
    """The bus every process has (`infra.bus`): RabbitMQ, or the in-process one.

    Subgraphs subscribe through `Runtime.consume`, and publish through the
    outbox rather than to the bus directly.

    ```python
    infra.bus.subscribe("goals.users", ["users.user.*"], handler, database=database)
    await infra.bus.start_consuming()
    ```
    """

    async def connect(self) -> None:
        """Connect and declare the exchanges; `open_infrastructure` calls it."""

    async def close(self) -> None:
        """Stop consuming and disconnect; queued in-process events are dropped."""

    async def publish(self, event: Event) -> None:
        """Publish straight to the bus; services publish through the outbox instead."""

    def subscribe(
        self,
        consumer: str,
        patterns: Sequence[str],
        handler: AnyHandler,
        *,
        database: AsyncDatabase[dict[str, Any]] | None = None,
    ) -> None:
        """Register a consumer; it starts receiving at `start_consuming`.

        Processed event ids are recorded in `database`, by default the database
        of the subgraph named by the consumer's first word (`analytics.progress`
        -> `analytics`), so every consumer ignores redeliveries.
        """

    async def start_consuming(self) -> None:
        """Start delivering to every consumer subscribed so far (after all subgraphs started)."""

    async def started(self) -> None:
        """Return once `start_consuming` has run: consumer queues exist from then on."""

    async def healthy(self) -> bool:
        """Whether the bus can carry events now; `/health` reports it."""


def topic_matches(pattern: str, routing_key: str) -> bool:
    """AMQP topic semantics: `*` is exactly one word, `#` zero or more.

    ```python
    assert topic_matches("goals.#", "goals.goal.completed")
    assert not topic_matches("goals.*", "goals.goal.completed")
    ```
    """
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
