from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from joserfc.jwk import KeySetSerialization
from pydantic import SecretStr
from pymongo import AsyncMongoClient

from common.db import Database
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from subgraphs.users.app import subgraph
from subgraphs.users.service.signing import generate_private_jwks
from tests.subgraphs.users.helpers import Api

ServeUsers = Callable[..., AbstractAsyncContextManager[Api]]


@pytest.fixture(scope="session")
def users_jwks() -> KeySetSerialization:
    return generate_private_jwks(2)


@pytest.fixture
def users_settings(settings: Settings, users_jwks: KeySetSerialization) -> Settings:
    return settings.model_copy(update={"jwt_private_jwks": SecretStr(json.dumps(users_jwks))})


@pytest.fixture
def serve_users(serve_subgraph: ServeSubgraph, users_settings: Settings) -> ServeUsers:
    """Serve the users subgraph; keyword arguments override settings."""

    @asynccontextmanager
    async def serve(**overrides: Any) -> AsyncIterator[Api]:
        effective = users_settings.model_copy(update=overrides)
        async with serve_subgraph(subgraph, settings_override=effective) as url:
            yield Api(url)

    return serve


@pytest.fixture
async def api(serve_users: ServeUsers) -> AsyncIterator[Api]:
    async with serve_users() as served:
        yield served


@pytest.fixture
async def users_db(users_settings: Settings) -> AsyncIterator[Database]:
    """Direct access to the subgraph's database, for seeding what has no API (the first admin)."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        users_settings.mongodb_url, tz_aware=True
    )
    try:
        yield client[users_settings.database_name("users")]
    finally:
        await client.close()
