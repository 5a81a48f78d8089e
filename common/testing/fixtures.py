"""Shared pytest fixtures: a real MongoDB-compatible server, RabbitMQ, Redis; a database per test.

Enable with `pytest_plugins = ["common.testing.fixtures"]` in the root conftest.
Tests that need RabbitMQ or Redis fail loudly when those are down: CI must never
pass by skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import aio_pika
import pytest
from pymongo import AsyncMongoClient
from redis.asyncio import Redis

from common.app import SubgraphDefinition, create_subgraph_app
from common.auth import StaticKeySource
from common.infra import Infrastructure, open_infrastructure
from common.mail import MailSender
from common.mongo_server import SecantusServer
from common.serving import serve_in_loop
from common.settings import Settings, SubgraphSettings
from common.testing.tokens import TestKeys

ISSUER = "https://lifegraph.test"
AUDIENCE = "lifegraph-test"


@pytest.fixture(scope="session")
def mongo_url() -> Iterator[str]:
    external = os.environ.get("LIFEGRAPH_TEST_MONGODB_URL")
    if external:
        yield external
        return
    with SecantusServer() as server:
        yield server.url


@pytest.fixture(scope="session")
async def amqp_url() -> str:
    url = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
    try:
        connection = await aio_pika.connect(url, timeout=5)
    except Exception as exc:
        pytest.fail(f"RabbitMQ is required at {url} and is not reachable: {exc}")
    await connection.close()
    return url


@pytest.fixture(scope="session")
async def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    client = Redis.from_url(url)
    try:
        await client.ping()
    except Exception as exc:
        pytest.fail(f"Redis is required at {url} and is not reachable: {exc}")
    finally:
        await client.aclose()
    return url


@pytest.fixture(scope="session")
def test_keys() -> TestKeys:
    return TestKeys(issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture
def settings(
    mongo_url: str, amqp_url: str, redis_url: str, unique: str, tmp_path: Path
) -> Settings:
    """Settings isolated per test: own databases, exchange, queues, Redis keys, data dir."""
    return Settings(
        environment="test",
        data_dir=tmp_path / "lifegraph",
        mongodb_url=mongo_url,
        database_prefix=f"t{unique}",
        amqp_url=amqp_url,
        redis_url=redis_url,
        redis_prefix=f"t{unique}",
        events_exchange=f"lifegraph.events.t{unique}",
        events_queue_expires_ms=60_000,
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        log_json=False,
    )


@pytest.fixture
def in_process_settings(settings: Settings) -> Settings:
    """The embedded default: in-process bus and pub/sub, real database."""
    return settings.model_copy(update={"amqp_url": None, "redis_url": None})


@asynccontextmanager
async def cleanup(settings: Settings) -> AsyncIterator[None]:
    try:
        yield
    finally:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
        for name in await client.list_database_names():
            if name.startswith(f"{settings.database_prefix}_"):
                await client.drop_database(name)
        await client.close()
        if settings.amqp_url:
            await _delete_amqp_topology(settings)
        if settings.redis_url:
            redis = Redis.from_url(settings.redis_url)
            keys = [k async for k in redis.scan_iter(match=f"{settings.redis_prefix}:*")]
            if keys:
                await redis.delete(*keys)
            await redis.aclose()


async def _delete_amqp_topology(settings: Settings) -> None:
    assert settings.amqp_url
    connection = await aio_pika.connect(settings.amqp_url)
    async with connection:
        channel = await connection.channel()
        await channel.exchange_delete(settings.events_exchange)
        # The test's queues expire on their own (events_queue_expires_ms).


@pytest.fixture
async def infra(settings: Settings, test_keys: TestKeys) -> AsyncIterator[Infrastructure]:
    async with (
        cleanup(settings),
        open_infrastructure(settings, key_source=StaticKeySource(test_keys.key_set)) as opened,
    ):
        yield opened


ServeSubgraph = Callable[..., AbstractAsyncContextManager[str]]


@pytest.fixture
def serve_subgraph(settings: Settings, test_keys: TestKeys) -> ServeSubgraph:
    """Serve a subgraph on a real uvicorn server on loopback; yields its base URL.

    Tokens from `test_keys` are accepted, as the users subgraph's would be in production.
    """

    @asynccontextmanager
    async def serve(
        definition: SubgraphDefinition[Any],
        *,
        settings_override: Settings | None = None,
        mail: MailSender | None = None,
    ) -> AsyncIterator[str]:
        effective = settings_override or settings

        def infrastructure(
            s: SubgraphSettings,
        ) -> AbstractAsyncContextManager[Infrastructure]:
            return open_infrastructure(s, key_source=StaticKeySource(test_keys.key_set), mail=mail)

        app = create_subgraph_app(definition, effective, infrastructure=infrastructure)
        async with cleanup(effective), serve_in_loop(app) as url:
            yield url

    return serve
