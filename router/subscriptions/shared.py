"""Resolving one event once for every subscriber that would resolve it identically.

Only for plans whose remaining fetches all go to subgraphs the operator declared
caller-independent (`SubscriptionConfig.shared_entity_subgraphs`): those fetches
are made without the caller's credentials, so the result is the same for all.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Any

from router.planner import QueryPlan


def shareable(plan: QueryPlan, subgraphs: frozenset[str]) -> bool:
    rest = [f for f in plan.fetches() if f is not plan.subscription_root]
    return bool(subgraphs) and bool(rest) and all(f.service in subgraphs for f in rest)


def event_key(plan: QueryPlan, variables: Mapping[str, Any], payload: Any) -> Hashable:
    # The plan object is cached per operation text, so equal operations share it.
    return (id(plan), json.dumps(variables, sort_keys=True), json.dumps(payload))


class SharedResolutions:
    def __init__(self, ttl: float = 5.0) -> None:
        self._ttl = ttl
        self._entries: dict[Hashable, tuple[float, asyncio.Future[str]]] = {}

    async def resolve(self, key: Hashable, compute: Callable[[], Awaitable[str]]) -> str:
        """The encoded result for `key`, computed by the first caller in its own task."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        entry = self._entries.get(key)
        if entry is None or now - entry[0] > self._ttl:
            self._evict(now)
            # Its own task: a subscriber leaving must not cancel the others' result.
            entry = (now, asyncio.ensure_future(compute()))
            self._entries[key] = entry
        return await asyncio.shield(entry[1])

    def _evict(self, now: float) -> None:
        entries = self._entries
        while entries:
            key, (created, future) = next(iter(entries.items()))
            if now - created <= self._ttl:
                return
            del entries[key]
            if future.done() and not future.cancelled():
                future.exception()  # retrieved, so a failure is not logged as unhandled
