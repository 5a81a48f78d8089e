"""The outbox relay: publishes pending outbox rows with publisher confirms, then marks them sent.

Safe with several replicas: rows belong to shards (by user), and a replica
relays a shard's rows only while it holds that shard's lease, taken and renewed
atomically in `outbox_leases`. A dead replica's leases expire and another
replica takes over. Within a shard rows go out oldest first, and a user's next
event is published only once the previous one is confirmed, so each user's
events keep their order; different users are published concurrently.

A row published but not yet marked sent when the process dies is published
again: consumers are idempotent, so at-least-once here is exactly-once in effect.

The in-process bus (embedded mode) has no durable queue to confirm into, so
with it a row stays pending until every consumer applied its event
(`ApplyingPublisher`); meanwhile this relay skips it as in flight.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pymongo
from pymongo import ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import ConnectionFailure, DuplicateKeyError

from common.events.bus import ApplyingPublisher, EventPublisher
from common.events.envelope import Event
from common.events.outbox import COLLECTION, PENDING, SENT
from common.metrics import EVENTS_PUBLISHED

log = logging.getLogger(__name__)

LEASES = "outbox_leases"
_PURGE_EVERY_SECONDS = 60.0
# Rows handed to an in-process bus and not yet applied, in batches: past this, wait.
_IN_FLIGHT_BATCHES = 4
_RELEASE_SECONDS = 2.0


@dataclass(frozen=True)
class RelaySettings:
    """The relay's tuning; `common.app.relay_settings` reads it from the `outbox_*` settings.

    ```python
    OutboxRelay(database, bus, wake=publisher.woken, settings=RelaySettings(poll_seconds=0.1))
    ```
    """

    shards: int = 8
    lease_seconds: float = 15.0
    poll_seconds: float = 1.0
    batch_size: int = 500
    retention_seconds: float = 24 * 3600
    publish_timeout_seconds: float = 10.0
    # The longest pause between failed passes (a broker outage): also the most
    # the relay lags behind once the broker is back.
    max_backoff_seconds: float = 30.0


class ShardLeases:
    """Which shards this process may relay; renewed well before they lapse."""

    def __init__(
        self, collection: AsyncCollection[dict[str, Any]], owner: str, settings: RelaySettings
    ) -> None:
        self._collection = collection
        self.owner = owner
        self._settings = settings
        self._held: dict[int, float] = {}  # shard -> local deadline (monotonic)
        self._next_refresh = 0.0

    def owned(self) -> list[int]:
        now = time.monotonic()
        return [shard for shard, deadline in self._held.items() if deadline > now]

    async def refresh(self) -> None:
        started = time.monotonic()
        if started < self._next_refresh:
            return
        lease = self._settings.lease_seconds
        now = datetime.now(UTC)
        held = self.owned()
        if held and await self._renew(held, now + timedelta(seconds=lease)):
            # One write renews every shard still held (the common case, and the
            # relay's steady background load); only the others are tried one by one.
            for shard in held:
                self._held[shard] = started + lease * 0.8
            held_now = set(held)
        else:
            held_now = set()
        for shard in range(self._settings.shards):
            if shard in held_now:
                continue
            try:
                await self._collection.find_one_and_update(
                    {"_id": shard, "$or": [{"owner": self.owner}, {"until": {"$lte": now}}]},
                    {"$set": {"owner": self.owner, "until": now + timedelta(seconds=lease)}},
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
            except DuplicateKeyError:
                # Held by a live replica: the upsert could not create a second lease row.
                self._held.pop(shard, None)
                continue
            # Stop relaying a little before the lease lapses for everyone else.
            self._held[shard] = started + lease * 0.8
        self._next_refresh = started + lease / 3

    async def _renew(self, shards: list[int], until: datetime) -> bool:
        """Extend the leases on `shards` if this process still holds every one of them.

        False when any was lost (the caller then settles each shard on its own).
        """
        result = await self._collection.update_many(
            {"_id": {"$in": shards}, "owner": self.owner}, {"$set": {"until": until}}
        )
        return result.matched_count == len(shards)

    async def release(self) -> None:
        if self._held:
            await self._collection.update_many(
                {"_id": {"$in": list(self._held)}, "owner": self.owner},
                {"$set": {"until": datetime.fromtimestamp(0, UTC)}},
            )
        self._held.clear()
        self._next_refresh = 0.0


class OutboxRelay:
    """Publishes a database's outbox rows to the bus (see the module docstring).

    `SubgraphHost.start` runs one per subgraph; a subgraph author never builds it.

    ```python
    relay = OutboxRelay(database, infra.bus, wake=publisher.woken, ready=infra.bus.started)
    runtime.spawn(relay.run, name="outbox-relay")
    ```
    """

    def __init__(
        self,
        database: AsyncDatabase[dict[str, Any]],
        bus: EventPublisher,
        *,
        wake: asyncio.Event,
        settings: RelaySettings | None = None,
        ready: Callable[[], Awaitable[None]] | None = None,
        owner: str | None = None,
    ) -> None:
        self._rows = database[COLLECTION]
        self._bus = bus
        self._wake = wake
        self._settings = settings or RelaySettings()
        self._ready = ready
        self.leases = ShardLeases(
            database[LEASES], owner or f"relay-{uuid.uuid4().hex[:12]}", self._settings
        )
        self._next_purge = 0.0
        # With an in-process bus: rows handed over and not yet applied, and those applied.
        self._in_flight: set[Any] = set()
        self._applied: list[Any] = []

    async def run(self) -> None:
        """Relay until cancelled, waking on `wake` or every `poll_seconds`; see the class."""
        if self._ready is not None:
            # Consumer queues must exist before events are routed, or they are dropped.
            await self._ready()
        failures = 0
        try:
            while True:
                try:
                    busy = await self.relay_once()
                    failures = 0
                except ConnectionFailure as exc:
                    # An outage, not a bug: one line each time, no traceback.
                    failures += 1
                    log.warning("outbox relay pass failed; backing off: %s", exc)
                except Exception:
                    failures += 1
                    log.warning("outbox relay pass failed; backing off", exc_info=True)
                    busy = False
                if busy:
                    continue
                pause = self._settings.poll_seconds
                if failures:
                    pause = min(pause * 2 ** (failures - 1), self._settings.max_backoff_seconds)
                await self._wait(pause, woken=not failures)
        finally:
            await self._release()

    async def relay_once(self) -> bool:
        """One batch. True if the batch was full and all of it went out: more may be waiting."""
        # Cleared first: a wake-up that finds nothing to do must not spin the loop.
        self._wake.clear()
        await self.leases.refresh()
        await self._mark_applied()
        shards = self.leases.owned()
        if not shards or len(self._in_flight) >= _IN_FLIGHT_BATCHES * self._settings.batch_size:
            return False
        query: dict[str, Any] = {"status": PENDING, "shard": {"$in": shards}}
        if self._in_flight:
            query["_id"] = {"$nin": list(self._in_flight)}
        rows = (
            await self._rows.find(query).sort("_id", 1).limit(self._settings.batch_size).to_list()
        )
        if not rows:
            await self._purge_sent()
            return False
        sent, error = await self._publish(rows)
        if sent:
            await self._rows.update_many(
                {"_id": {"$in": sent}}, {"$set": {"status": SENT, "sent_at": datetime.now(UTC)}}
            )
        if error is not None:
            raise error
        return len(rows) == self._settings.batch_size

    async def _publish(self, rows: Sequence[dict[str, Any]]) -> tuple[list[Any], Exception | None]:
        lanes: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            lanes.setdefault(row.get("user_id") or "", []).append(row)
        sent: list[Any] = []
        errors: list[Exception] = []

        async def lane(user_rows: list[dict[str, Any]]) -> None:
            for row in user_rows:
                try:
                    async with asyncio.timeout(self._settings.publish_timeout_seconds):
                        confirmed = await self._hand_over(row)
                except Exception as exc:
                    # Later events of this user wait until this one is confirmed.
                    errors.append(exc)
                    return
                # Handed over: confirmed by the broker, or taken by the in-process bus
                # (whose row is marked sent once every consumer applied it).
                EVENTS_PUBLISHED.labels(row["type"]).inc()
                if confirmed:
                    sent.append(row["_id"])

        async with asyncio.TaskGroup() as group:
            for user_id, user_rows in lanes.items():
                group.create_task(lane(user_rows), name=f"outbox-lane:{user_id}")
        return sent, errors[0] if errors else None

    async def _hand_over(self, row: dict[str, Any]) -> bool:
        """Publish one row's event; True if the bus confirmed it, False if it is in flight."""
        event = Event.model_validate(row["event"])
        if not isinstance(self._bus, ApplyingPublisher):
            await self._bus.publish(event)
            return True
        row_id = row["_id"]
        self._in_flight.add(row_id)

        def done(applied: asyncio.Future[None]) -> None:
            if applied.cancelled():  # the bus closed first: the row stays pending
                self._in_flight.discard(row_id)
                return
            self._applied.append(row_id)
            self._wake.set()

        self._bus.publish_applied(event).add_done_callback(done)
        return False

    async def _mark_applied(self) -> None:
        if not self._applied:
            return
        applied, self._applied = self._applied, []
        try:
            await self._rows.update_many(
                {"_id": {"$in": applied}}, {"$set": {"status": SENT, "sent_at": datetime.now(UTC)}}
            )
        except BaseException:
            self._applied.extend(applied)
            raise
        # Out of flight only now: until marked, a scan would hand them over again.
        self._in_flight.difference_update(applied)

    async def _wait(self, seconds: float, *, woken: bool) -> None:
        if not woken:
            await asyncio.sleep(seconds)  # backing off from a failure; wake-ups would spin
            return
        try:
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        except TimeoutError:
            pass

    async def _purge_sent(self) -> None:
        now = time.monotonic()
        if now < self._next_purge:
            return
        self._next_purge = now + _PURGE_EVERY_SECONDS
        cutoff = datetime.now(UTC) - timedelta(seconds=self._settings.retention_seconds)
        await self._rows.delete_many({"status": SENT, "sent_at": {"$lt": cutoff}})

    async def _release(self) -> None:
        # Hand the shards over at once instead of making other replicas wait a lease out.
        try:
            async with asyncio.timeout(_RELEASE_SECONDS):
                await asyncio.shield(self._release_within(_RELEASE_SECONDS))
        except Exception:
            log.debug("could not release outbox leases", exc_info=True)

    async def _release_within(self, seconds: float) -> None:
        # Bounded by itself too: a shielded release must not outlive the wait for
        # it and fail half a minute later, with nobody left to take its error.
        try:
            with pymongo.timeout(seconds):
                await self.leases.release()
        except Exception:
            log.debug("could not release outbox leases", exc_info=True)
