"""Every connection a process needs, opened once at start-up and closed on shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from common import cursors
from common.auth import KeySource, RemoteKeySource, TokenVerifier
from common.db import Database, MongoClient, create_mongo_client, ping
from common.events import EventBus, RetryPolicy
from common.events.amqp import AmqpEventBus
from common.events.memory import InMemoryEventBus
from common.mail import MailSender, mail_sender_from
from common.pubsub import PubSub
from common.pubsub.memory import InMemoryPubSub
from common.pubsub.redis import RedisPubSub
from common.ratelimit import InMemoryRateLimiter, RateLimiter, RedisRateLimiter
from common.settings import SubgraphSettings


@dataclass
class Infrastructure:
    settings: SubgraphSettings
    mongo: MongoClient
    bus: EventBus
    pubsub: PubSub
    redis: Redis | None
    rate_limiter: RateLimiter
    verifier: TokenVerifier
    mail: MailSender

    async def health(self) -> dict[str, str]:
        return {
            "database": "ok" if await ping(self.mongo) else "down",
            "broker": _state(await self.bus.healthy(), in_process=self.settings.amqp_url is None),
            "redis": _state(await self.pubsub.healthy(), in_process=self.redis is None),
        }


def connect_redis(url: str) -> Redis:
    """A Redis client that survives a Redis restart.

    Without retry_on_error each pooled connection fails its first command after
    a restart ("Connection closed by server"); with it the command is retried
    on a fresh connection.
    """
    return Redis.from_url(url, retry_on_error=[RedisConnectionError, RedisTimeoutError])


def _state(ok: bool, *, in_process: bool) -> str:
    if in_process:
        return "in-process"
    return "ok" if ok else "down"


@asynccontextmanager
async def open_infrastructure(
    settings: SubgraphSettings,
    *,
    key_source: KeySource | None = None,
    mail: MailSender | None = None,
) -> AsyncIterator[Infrastructure]:
    cursors.configure(settings)
    redis = connect_redis(settings.redis_url) if settings.redis_url else None
    mongo = create_mongo_client(settings)
    retry = RetryPolicy(tuple(settings.events_retry_delays_ms), settings.events_max_retries)

    def database_for(subgraph: str) -> Database:
        # Consumers record processed event ids in their own subgraph's database.
        return mongo[settings.database_name(subgraph)]

    bus: EventBus = (
        AmqpEventBus(
            settings.amqp_url,
            exchange=settings.events_exchange,
            prefetch=settings.events_prefetch,
            queue_expires_ms=settings.events_queue_expires_ms,
            queue_type=settings.queue_type,
            retry=retry,
            database_for=database_for,
        )
        if settings.amqp_url
        else InMemoryEventBus(retry=retry, database_for=database_for)
    )
    pubsub: PubSub = RedisPubSub(redis, prefix=settings.redis_prefix) if redis else InMemoryPubSub()
    limiter: RateLimiter = (
        RedisRateLimiter(redis, prefix=settings.redis_prefix) if redis else InMemoryRateLimiter()
    )
    verifier = TokenVerifier(
        key_source or RemoteKeySource(settings.jwks_url, max_age=settings.jwks_cache_seconds),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    infra = Infrastructure(
        settings=settings,
        mongo=mongo,
        bus=bus,
        pubsub=pubsub,
        redis=redis,
        rate_limiter=limiter,
        verifier=verifier,
        mail=mail or mail_sender_from(settings),
    )
    try:
        await bus.connect()
        yield infra
    finally:
        await bus.close()
        await pubsub.close()
        if redis is not None:
            await redis.aclose()
        await mongo.close()
