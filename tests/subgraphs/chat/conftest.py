from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from functools import partial
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from common.app import SubgraphHost
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.chat.app import build, subgraph
from subgraphs.chat.service.container import ChatServices

from .support import Api

Hosted = Callable[..., AbstractAsyncContextManager[SubgraphHost[ChatServices]]]


# Accounts chat has heard of (as from users' registration events): others are made up.
KNOWN_USERS = ("alice", "bob", "carol", "dave", "erin", "mallory")


@pytest.fixture
def known_user_ids() -> tuple[str, ...]:
    """Overridden where a test needs a user chat has no card for yet."""
    return KNOWN_USERS


@pytest.fixture
async def known_users(settings: Settings, known_user_ids: tuple[str, ...]) -> tuple[str, ...]:
    """Profiles for the users tests name, as users' events would have left them."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        profiles = client[settings.database_name("chat")]["profiles"]
        for user_id in known_user_ids:
            row: dict[str, Any] = {"display_name": user_id.title(), "privacy": "public"}
            row |= {"avatar_url": None, "synced_at": None, "deleted": False}
            await profiles.update_one({"user_id": user_id}, {"$set": row}, upsert=True)
    finally:
        await client.close()
    return known_user_ids


@pytest.fixture
async def chat_url(
    serve_subgraph: ServeSubgraph, known_users: tuple[str, ...]
) -> AsyncIterator[str]:
    async with serve_subgraph(subgraph) as url:
        yield url


@pytest.fixture
def api(chat_url: str, test_keys: TestKeys) -> Callable[[str], Api]:
    return lambda user: Api(chat_url, test_keys, user)


@pytest.fixture
def hosted(infra: Infrastructure, known_users: tuple[str, ...]) -> Hosted:
    """The chat services on real infrastructure without HTTP, as one process would run them.

    `answer_coach=False` runs no coach worker: replies owed wait for another process.
    """

    @asynccontextmanager
    async def host(*, answer_coach: bool = True) -> AsyncIterator[SubgraphHost[ChatServices]]:
        definition = replace(subgraph, build=partial(build, answer_coach=answer_coach))
        started = SubgraphHost(definition)
        await started.start(infra)
        try:
            yield started
        finally:
            await started.stop()

    return host
