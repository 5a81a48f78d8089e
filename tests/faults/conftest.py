from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from common.mongo_server import SecantusServer
from common.settings import Settings

from .servers import ChildServer, PrivateRabbit, PrivateRedis, ServerMissing

S = TypeVar("S", bound=ChildServer)


@asynccontextmanager
async def _running(server: S) -> AsyncIterator[S]:
    # A missing server binary fails the test rather than skipping it: the fault
    # tests are the only proof these outages are survived.
    try:
        await server.start()
    except ServerMissing as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def private_rabbit(tmp_path: Path) -> AsyncIterator[PrivateRabbit]:
    """A RabbitMQ node of this test's own, to stop and start at will.

    A test that asks for it gets `settings` (and so `infra` and the workers)
    pointed at it instead of the shared broker, which no test may stop.
    """
    async with _running(PrivateRabbit(tmp_path / "rabbit")) as rabbit:
        yield rabbit


@pytest.fixture
async def private_redis(tmp_path: Path) -> AsyncIterator[PrivateRedis]:
    """A redis-server of this test's own; `settings` point at it as for `private_rabbit`."""
    async with _running(PrivateRedis(tmp_path / "redis")) as redis:
        yield redis


@pytest.fixture
def file_backed_mongo(tmp_path: Path) -> Iterator[SecantusServer]:
    """A database of this test's own on disk, durable as every LifeGraph database: to kill -9.

    `settings` point at it as for `private_rabbit`.
    """
    server = SecantusServer(storage=tmp_path / "db")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """Short retries and leases so every fault plays out in seconds."""
    update: dict[str, object] = {
        "events_retry_delays_ms": [50, 1000],
        "events_max_retries": 2,
        "outbox_lease_seconds": 2.0,
        "outbox_poll_seconds": 0.2,
        "events_queue_expires_ms": 300_000,
        "outbox_max_backoff_seconds": 1.0,
    }
    if "private_rabbit" in request.fixturenames:
        update["amqp_url"] = request.getfixturevalue("private_rabbit").url
    if "file_backed_mongo" in request.fixturenames:
        update["mongodb_url"] = request.getfixturevalue("file_backed_mongo").url
    if "private_redis" in request.fixturenames:
        update["redis_url"] = request.getfixturevalue("private_redis").url
    return settings.model_copy(update=update)
