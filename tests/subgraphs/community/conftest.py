"""Fixtures for the community subgraph: served over HTTP on the real infrastructure."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from pymongo import AsyncMongoClient

from common.auth import Role
from common.db import Database, init_database
from common.events import Event, OutboxPublisher
from common.events.amqp import AmqpEventBus
from common.infra import Infrastructure
from common.settings import CommunitySettings, Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.community.app import subgraph
from subgraphs.community.models import MODELS
from subgraphs.community.service.container import CommunityServices, build_services
from subgraphs.community.service.deps import Deps, Repos
from subgraphs.community.service.limits import ActionLimits


class Api:
    """A GraphQL client for the served subgraph that signs requests as any user."""

    def __init__(self, url: str, keys: TestKeys, http: httpx.AsyncClient) -> None:
        self.url = f"{url}/graphql"
        self._keys = keys
        self.http = http

    async def call(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        user: str | None = None,
        moderator: bool = False,
    ) -> dict[str, Any]:
        headers = {}
        if user is not None:
            roles = [Role.USER, Role.MODERATOR] if moderator else [Role.USER]
            headers = self._keys.bearer(user, roles=roles)
        response = await self.http.post(
            self.url, json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        body = await self.call(query, variables, **kw)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        body = await self.call(query, variables, **kw)
        assert body.get("errors"), body
        error: dict[str, Any] = body["errors"][0]
        return error

    async def post(
        self,
        *,
        user: str,
        text: str = "Ran 5k this morning",
        category: str = "HEALTH",
        media_urls: list[str] | None = None,
        goal_id: str | None = None,
    ) -> dict[str, Any]:
        data = await self.data(
            CREATE_POST,
            {
                "input": {
                    "text": text,
                    "category": category,
                    "mediaUrls": media_urls or [],
                    "goalId": goal_id,
                }
            },
            user=user,
        )
        created: dict[str, Any] = data["createPost"]
        return created

    async def follow(self, follower: str, followee: str) -> None:
        await self.data(FOLLOW, {"input": {"userId": followee}}, user=follower)


CREATE_POST = """
mutation($input: CreatePostInput!) {
  createPost(input: $input) { id text category status likeCount commentCount mediaUrls
    author { id } goal { id } }
}"""
FOLLOW = "mutation($input: UserInput!) { followUser(input: $input) { id followerCount } }"


# Accounts community has heard of (as from users' registration events): others are made up.
KNOWN_USERS = ("ana", "bob", "carl", "dan", "star", "viewer")
NEW_PROFILE: dict[str, Any] = {
    "privacy": "public",
    "search_terms": [],
    "follower_count": 0,
    "following_count": 0,
    "warning_count": 0,
    "synced_at": None,
    "deleted": False,
    "write_seq": 0,
}


async def seed_profiles(settings: Settings, user_ids: tuple[str, ...] = KNOWN_USERS) -> None:
    """Profiles as users' registration events would have left them."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        profiles = client[settings.database_name("community")]["profiles"]
        for user_id in user_ids:
            await profiles.update_one(
                {"user_id": user_id},
                {"$setOnInsert": {**NEW_PROFILE, "display_name": user_id.title()}},
                upsert=True,
            )
    finally:
        await client.close()


@asynccontextmanager
async def _api(serve: ServeSubgraph, keys: TestKeys, settings: Settings) -> AsyncIterator[Api]:
    async with (
        serve(subgraph, settings_override=settings) as url,
        httpx.AsyncClient(timeout=30) as http,
    ):
        await seed_profiles(settings)
        yield Api(url, keys, http)


@pytest.fixture
async def api(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys, settings: Settings
) -> AsyncIterator[Api]:
    async with _api(serve_subgraph, test_keys, settings) as client:
        yield client


@pytest.fixture
def filtered_api(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys, settings: Settings
) -> Callable[[list[str]], Any]:
    """The subgraph served with a word filter."""

    def serve(words: list[str]) -> Any:
        return _api(
            serve_subgraph, test_keys, settings.model_copy(update={"community_word_filter": words})
        )

    return serve


def make_deps(infra: Infrastructure, database: Database, **overrides: Any) -> Deps:
    """What `build` gives the services, over the test's own database and Redis."""
    settings = infra.settings
    assert isinstance(settings, CommunitySettings)  # the suite's settings hold every section
    publisher = OutboxPublisher(database, shards=settings.outbox_shards)
    values: dict[str, Any] = {
        "repos": Repos(),
        "publisher": publisher,
        "limits": ActionLimits.from_settings(infra.rate_limiter, settings),
    }
    return Deps(**(values | overrides))


@pytest.fixture
async def database(infra: Infrastructure) -> Database:
    database = await init_database(infra.mongo, infra.settings, "community", MODELS)
    await OutboxPublisher(database).ensure_indexes()
    return database


@pytest.fixture
async def services(infra: Infrastructure, database: Database) -> CommunityServices:
    """The services without HTTP, for rules that are about data rather than transport."""
    return build_services(make_deps(infra, database))


async def users_event(bus: AmqpEventBus, type: str, **data: Any) -> Event:
    event = Event.of(type, user_id=str(data.get("user_id")), data=data)
    await bus.publish(event)
    return event
