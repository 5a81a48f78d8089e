"""Resolving one event once for every subscriber that would resolve it identically, and
bounding how many event resolutions run at once.

Two subscribers resolve an event identically when the plan, variables and payload are
equal and either
- every remaining fetch goes to a subgraph the operator declared caller-independent
  (`SubscriptionConfig.shared_entity_subgraphs`): those fetches go without credentials,
  so the result is handed to every subscriber, or
- they forward the same credentials (one user's tabs and devices): the fetches carry
  exactly what each of them would have sent, so nobody sees more than they may.
Subscribers with different credentials never share a result.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Any, TypeVar

from router.planner import QueryPlan

T = TypeVar("T")

# Headers that differ per socket without changing what a subgraph may answer.
_NOT_CREDENTIALS = frozenset({"x-request-id", "traceparent", "tracestate"})

Credentials = tuple[tuple[str, str], ...]


def shareable(plan: QueryPlan, subgraphs: frozenset[str]) -> bool:
    rest = [f for f in plan.fetches() if f is not plan.subscription_root]
    return bool(subgraphs) and bool(rest) and all(f.service in subgraphs for f in rest)


def fetched_services(plan: QueryPlan) -> frozenset[str]:
    """The subgraphs an event of `plan` is resolved against (the root is already open)."""
    return frozenset(f.service for f in plan.fetches() if f is not plan.subscription_root)


def credentials_of(headers: Mapping[str, str], propagated: Credentials = ()) -> Credentials:
    """What a subgraph request carries that can change its answer (Authorization, …);
    `propagated`: the client headers the header rules pass on (`HeaderRules.propagated`)."""
    own = tuple(sorted((k, v) for k, v in headers.items() if k not in _NOT_CREDENTIALS))
    return own + tuple((f"client:{k}", v) for k, v in propagated)


def event_key(
    plan: QueryPlan, variables: Mapping[str, Any], payload: Any, credentials: Credentials | None
) -> Hashable:
    # The plan object is cached per operation text, so equal operations share it.
    return (id(plan), json.dumps(variables, sort_keys=True), json.dumps(payload), credentials)


class SharedResolutions:
    """Encoded event results by `event_key`, kept `ttl` seconds: subscribers' tasks run
    skewed under load, so an in-flight-only table would miss most of them."""

    def __init__(self, ttl: float = 5.0, max_concurrent: int | None = None) -> None:
        self._ttl = ttl
        self._entries: dict[Hashable, tuple[float, asyncio.Future[str]]] = {}
        # Bounds resolutions in flight (and so subgraph requests for events): under a
        # burst the rest wait here in FIFO order, instead of piling onto the subgraphs
        # and the connection pool, where waiting counts against the request timeout.
        # One cap per set of subgraphs a plan fetches from, so a hanging subgraph holds
        # only the slots of plans that need it.
        self._max_concurrent = max_concurrent
        self._slots: dict[frozenset[str], asyncio.Semaphore] = {}
        # Live sockets per credentials: a socket alone with its credentials skips the table.
        self._holders: Counter[Credentials] = Counter()

    def join(self, credentials: Credentials) -> None:
        self._holders[credentials] += 1

    def leave(self, credentials: Credentials) -> None:
        self._holders[credentials] -= 1
        if self._holders[credentials] <= 0:
            del self._holders[credentials]

    def alone(self, credentials: Credentials) -> bool:
        return self._holders[credentials] <= 1

    async def bounded(self, services: frozenset[str], compute: Callable[[], Awaitable[T]]) -> T:
        if not self._max_concurrent:
            return await compute()
        slots = self._slots.get(services)
        if slots is None:
            slots = self._slots[services] = asyncio.Semaphore(self._max_concurrent)
        async with slots:
            return await compute()

    async def resolve(
        self, key: Hashable, services: frozenset[str], compute: Callable[[], Awaitable[str]]
    ) -> str:
        """The encoded result for `key`, computed by the first caller in its own task."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        entry = self._entries.get(key)
        if entry is None or now - entry[0] > self._ttl:
            self._evict(now)
            # Its own task: a subscriber leaving must not cancel the others' result.
            task = asyncio.create_task(self.bounded(services, compute), name="shared-resolution")
            entry = (now, task)
            self._entries[key] = entry
        return await asyncio.shield(entry[1])

    def __len__(self) -> int:
        return len(self._entries)

    def _evict(self, now: float) -> None:
        entries = self._entries
        while entries:
            key, (created, future) = next(iter(entries.items()))
            if now - created <= self._ttl:
                return
            del entries[key]
            if future.done() and not future.cancelled():
                future.exception()  # retrieved, so a failure is not logged as unhandled
