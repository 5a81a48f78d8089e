from __future__ import annotations

import asyncio

import pytest
from prometheus_client import REGISTRY
from redis.asyncio import Redis

from common.pubsub import PubSub, SubscriberOverflow, Subscription
from common.pubsub.base import channel_family
from common.pubsub.memory import InMemoryPubSub
from common.pubsub.redis import RedisPubSub
from common.settings import Settings


async def _next(sub: Subscription) -> dict[str, object]:
    async with asyncio.timeout(5):
        return await anext(aiter(sub))


async def _roundtrip(publisher: PubSub, subscriber: PubSub) -> None:
    async with subscriber.subscribe("chat:c1") as first, subscriber.subscribe("chat:c1") as second:
        await publisher.publish("chat:c2", {"text": "elsewhere"})
        await publisher.publish("chat:c1", {"text": "hello"})
        assert await _next(first) == {"text": "hello"}
        assert await _next(second) == {"text": "hello"}


async def test_in_memory_pubsub_fans_out_to_every_subscriber() -> None:
    pubsub = InMemoryPubSub()
    await _roundtrip(pubsub, pubsub)


@pytest.mark.redis
async def test_redis_pubsub_reaches_subscribers_of_another_process(settings: Settings) -> None:
    assert settings.redis_url
    # Two clients stand for two replicas: what one publishes, the other's subscribers get.
    a, b = Redis.from_url(settings.redis_url), Redis.from_url(settings.redis_url)
    replica_a = RedisPubSub(a, prefix=settings.redis_prefix)
    replica_b = RedisPubSub(b, prefix=settings.redis_prefix)
    try:
        await _roundtrip(replica_a, replica_b)
    finally:
        await replica_a.close()
        await replica_b.close()
        await a.aclose()
        await b.aclose()


def _live(family: str) -> float:
    value = REGISTRY.get_sample_value("lifegraph_pubsub_subscribers", {"family": family})
    return value or 0.0


async def _counts_live_subscribers(pubsub: PubSub) -> None:
    before = _live("gauge:user")
    async with pubsub.subscribe("gauge:user:1") as first:
        assert _live("gauge:user") == before + 1
        async with pubsub.subscribe("gauge:user:2"), pubsub.subscribe("gauge:user:1"):
            assert _live("gauge:user") == before + 3
        await pubsub.publish("gauge:user:1", {"n": 1})
        assert await _next(first) == {"n": 1}
        assert _live("gauge:user") == before + 1
    assert _live("gauge:user") == before


def test_a_channel_family_is_the_channel_without_its_id() -> None:
    assert channel_family("chat:conversation:6650a1") == "chat:conversation"
    assert channel_family("notifications.6650a1") == "notifications"
    assert channel_family("plain") == "plain"


async def test_the_gauge_counts_in_memory_subscribers_while_subscribed() -> None:
    await _counts_live_subscribers(InMemoryPubSub())


@pytest.mark.redis
async def test_the_gauge_counts_redis_subscribers_while_subscribed(settings: Settings) -> None:
    assert settings.redis_url
    redis = Redis.from_url(settings.redis_url)
    pubsub = RedisPubSub(redis, prefix=settings.redis_prefix)
    try:
        await _counts_live_subscribers(pubsub)
    finally:
        await pubsub.close()
        await redis.aclose()


async def test_a_subscriber_that_falls_behind_is_cut_off_not_the_others() -> None:
    pubsub = InMemoryPubSub(max_pending=3)
    async with pubsub.subscribe("c") as slow, pubsub.subscribe("c") as fast:
        for i in range(5):
            await pubsub.publish("c", {"n": i})
            assert await _next(fast) == {"n": i}
        with pytest.raises(SubscriberOverflow):
            async for _ in slow:
                pass


async def test_a_publish_to_an_unreachable_redis_is_dropped_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The write it announces has committed; the caller must not see an error.
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    pubsub = RedisPubSub(down)
    try:
        await pubsub.publish("chat:c1", {"text": "lost"})
    finally:
        await pubsub.close()
        await down.aclose()
    assert "live update dropped" in caplog.text
