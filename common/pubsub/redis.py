from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.asyncio.client import PubSub as RedisPubSubConnection
from redis.exceptions import RedisError

from common.errors import Unavailable
from common.pubsub.base import Message, Subscription, counted_live

log = logging.getLogger(__name__)


class RedisPubSub:
    """One Redis pub/sub connection per process, fanned out to local subscribers."""

    def __init__(self, redis: Redis, *, prefix: str = "lifegraph", max_pending: int = 1000) -> None:
        self._redis = redis
        self._prefix = prefix
        self._max_pending = max_pending
        self._subscribers: defaultdict[str, set[Subscription]] = defaultdict(set)
        self._conn: RedisPubSubConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._confirmations: dict[str, asyncio.Event] = {}

    def _key(self, channel: str) -> str:
        return f"{self._prefix}:pubsub:{channel}"

    async def publish(self, channel: str, message: Message) -> None:
        """Fan `message` out, or log and drop it when Redis cannot be reached.

        Publishers announce writes that already committed: raising would turn a
        stored chat message into an INTERNAL error. Nothing a subscriber was
        promised is lost, since a Redis this process cannot reach ends every
        subscription reading from it with UNAVAILABLE (`_drop_connection`).
        """
        try:
            await self._redis.publish(self._key(channel), json.dumps(message, default=str))
        except (RedisError, OSError) as exc:
            log.warning(
                "redis unreachable; live update dropped",
                extra={"channel": channel, "error": repr(exc)},
            )

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        sub = Subscription(channel, self._max_pending)
        async with self._lock:
            try:
                conn = await self._connection()
                self._subscribers[channel].add(sub)
                if len(self._subscribers[channel]) == 1:
                    await self._subscribe_confirmed(conn, channel)
            except (RedisError, OSError, TimeoutError) as exc:
                self._subscribers[channel].discard(sub)
                await self._drop_connection(exc)
                raise _interrupted() from exc
        try:
            with counted_live(channel):
                yield sub
        finally:
            async with self._lock:
                self._subscribers[channel].discard(sub)
                if not self._subscribers[channel]:
                    del self._subscribers[channel]
                    if self._conn is not None:
                        try:
                            await self._conn.unsubscribe(self._key(channel))
                        except (RedisError, OSError):
                            # The reader notices the dead connection and starts afresh.
                            log.debug("unsubscribe on a failing connection", exc_info=True)

    async def _subscribe_confirmed(self, conn: RedisPubSubConnection, channel: str) -> None:
        # Return only once Redis confirms: a publish racing an unconfirmed
        # SUBSCRIBE from another connection could otherwise be missed.
        confirmed = self._confirmations[self._key(channel)] = asyncio.Event()
        await conn.subscribe(self._key(channel))
        try:
            await asyncio.wait_for(confirmed.wait(), timeout=10)
        finally:
            self._confirmations.pop(self._key(channel), None)

    async def _connection(self) -> RedisPubSubConnection:
        if self._conn is None:
            self._conn = self._redis.pubsub()
            # A pub/sub connection with no channel cannot be read; one stays open for the reader.
            await self._conn.subscribe(self._key("__keepalive__"))
            self._reader = asyncio.create_task(self._read(self._conn), name="redis-pubsub-reader")
        return self._conn

    async def _read(self, conn: RedisPubSubConnection) -> None:
        try:
            await self._listen(conn)
        except (RedisError, OSError, _Reconnected) as exc:
            if self._conn is conn:
                await self._drop_connection(exc)

    async def _drop_connection(self, cause: BaseException) -> None:
        """Redis went away: end every live subscription with a clear error, start afresh.

        Messages published meanwhile are gone, so resuming in silence would hide a
        gap; each subscriber gets UNAVAILABLE and subscribes again, on a new connection.
        """
        conn, reader, self._conn, self._reader = self._conn, self._reader, None, None
        if reader is not None and reader is not asyncio.current_task():
            reader.cancel()
        subscribers, self._subscribers = self._subscribers, defaultdict(set)
        live = [sub for subs in subscribers.values() for sub in subs]
        log.warning(
            "redis pub/sub connection lost; ending live subscriptions",
            extra={"subscriptions": len(live), "error": repr(cause)},
        )
        for sub in live:
            sub.fail(_interrupted())
        if conn is not None:
            try:
                await conn.aclose()  # type: ignore[no-untyped-call]
            except Exception:
                log.debug("closing a dead pub/sub connection failed", exc_info=True)

    async def _listen(self, conn: RedisPubSubConnection) -> None:
        offset = len(self._key(""))
        keepalive = self._key("__keepalive__")
        connected = False
        async for raw in conn.listen():
            channel = raw["channel"]
            channel = channel.decode() if isinstance(channel, bytes) else channel
            if raw.get("type") == "subscribe" and channel == keepalive:
                if connected:
                    # redis-py reconnected after a blip and subscribed again on
                    # its own: what was published in between is lost.
                    raise _Reconnected
                connected = True
            if raw.get("type") == "subscribe" and channel in self._confirmations:
                self._confirmations[channel].set()
            if raw.get("type") != "message":
                continue
            try:
                message = json.loads(raw["data"])
            except ValueError:
                log.warning("dropped a malformed pub/sub message", extra={"channel": channel})
                continue
            for sub in list(self._subscribers.get(channel[offset:], ())):
                sub.deliver(message)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._conn is not None:
            await self._conn.aclose()  # type: ignore[no-untyped-call]
        for subs in self._subscribers.values():
            for sub in subs:
                sub.end()
        self._conn = self._reader = None

    async def healthy(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except Exception:
            return False


class _Reconnected(Exception):
    pass


def _interrupted() -> Unavailable:
    return Unavailable("Live updates were interrupted; subscribe again.")
