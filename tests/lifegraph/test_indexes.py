"""`lifegraph indexes`: run once per rollout, so replicas need not race to build indexes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from typer.testing import CliRunner

from common.app import SubgraphHost
from common.auth import StaticKeySource
from common.infra import open_infrastructure
from common.settings import Settings, get_settings
from common.testing.tokens import TestKeys
from lifegraph.cli import app
from subgraphs.goals.app import subgraph as goals

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]


@pytest.fixture
def configured(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The command reads settings from the environment, as a Job's container gets them."""
    monkeypatch.setenv("LIFEGRAPH_MONGODB_URL", settings.mongodb_url)
    monkeypatch.setenv("LIFEGRAPH_DATABASE_PREFIX", settings.database_prefix)
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


async def _indexes(settings: Settings, subgraph: str) -> dict[str, set[str]]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        database = client[settings.database_name(subgraph)]
        return {
            name: {index["name"] async for index in await database[name].list_indexes()}
            for name in await database.list_collection_names()
        }
    finally:
        await client.close()


async def test_replicas_told_not_to_index_leave_it_to_the_command(
    configured: Settings, test_keys: TestKeys
) -> None:
    quiet = configured.model_copy(update={"mongodb_create_indexes": False})
    async with open_infrastructure(quiet, key_source=StaticKeySource(test_keys.key_set)) as infra:
        host = SubgraphHost(goals)
        await host.start(infra)
        await host.stop()
    before = await _indexes(configured, "goals")
    assert all(names <= {"_id_"} for names in before.values()), before
    # What each pod's init container asks before its server starts.
    waiting = await asyncio.to_thread(CliRunner().invoke, app, ["indexes", "--check", "goals"])
    assert waiting.exit_code == 1
    assert "goals" in waiting.output

    # In a thread: the command runs its own event loop, as it does in a Job.
    result = await asyncio.to_thread(CliRunner().invoke, app, ["indexes", "goals"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("goals: ")
    after = await _indexes(configured, "goals")
    assert len(after["outbox"]) > 1
    ready = await asyncio.to_thread(CliRunner().invoke, app, ["indexes", "--check", "goals"])
    assert ready.exit_code == 0, ready.output
    assert sum(len(names) for names in after.values()) > len(after)

    # Again: nothing to do, nothing fails.
    again = await asyncio.to_thread(CliRunner().invoke, app, ["indexes", "goals"])
    assert again.exit_code == 0, again.output
    assert await _indexes(configured, "goals") == after


def test_an_unknown_subgraph_is_refused_by_name(configured: Settings) -> None:
    result = CliRunner().invoke(app, ["indexes", "gaols"])
    assert result.exit_code != 0
    assert "gaols" in result.output
