"""Parallel refreshes within the reuse grace window share one new pair; later reuse revokes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from common.app import Runtime
from common.auth import StaticKeySource
from common.db import init_database
from common.errors import Unauthenticated
from common.events import OutboxPublisher
from common.infra import open_infrastructure
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.tokens import TestKeys
from subgraphs.users.app import build
from subgraphs.users.models import MODELS, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.service.container import UsersServices
from subgraphs.users.service.sessions import Sessions
from tests.subgraphs.users.helpers import PASSWORD, Api, unique_email


async def test_parallel_refreshes_with_one_token_all_get_the_same_new_pair(api: Api) -> None:
    session = await api.register(email=unique_email())

    answers = await asyncio.gather(*(api.refresh(session["refreshToken"]) for _ in range(3)))

    pairs = {
        (a["data"]["refreshToken"]["accessToken"], a["data"]["refreshToken"]["refreshToken"])
        for a in answers
    }
    assert len(pairs) == 1, answers
    ((access, refresh),) = pairs
    assert refresh != session["refreshToken"]
    # The family lives on: the shared pair works, and rotates once more.
    assert (await api.me(access))["data"]["me"]["id"] == session["user"]["id"]
    assert "data" in await api.refresh(refresh), "the family was revoked"


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class World:
    services: UsersServices
    sessions: Sessions
    clock: Clock

    async def user(self) -> User:
        registered = await self.services.auth.register(
            email=unique_email(), password=PASSWORD, name="Ada"
        )
        return registered.user


@pytest.fixture
async def world(users_settings: Settings, test_keys: TestKeys) -> AsyncIterator[World]:
    settings = users_settings.model_copy(
        update={"amqp_url": None, "refresh_token_reuse_grace_seconds": 5}
    )
    async with (
        cleanup(settings),
        open_infrastructure(settings, key_source=StaticKeySource(test_keys.key_set)) as infra,
    ):
        db = await init_database(infra.mongo, settings, "users", MODELS)
        publisher = OutboxPublisher(db)
        services = await build(Runtime("users", infra, db, infra.verifier, publisher))
        # Whole seconds: BSON keeps milliseconds, and the window's edge is tested exactly.
        clock = Clock(utcnow().replace(microsecond=0))
        sessions = Sessions(Repositories(), services.keys, settings, clock=clock)
        yield World(services, sessions, clock)


async def test_reuse_within_the_window_returns_the_same_pair(world: World) -> None:
    first = await world.sessions.start(await world.user())
    rotated = await world.sessions.rotate(first.refresh_token)

    world.clock.now += timedelta(seconds=5)
    again = await world.sessions.rotate(first.refresh_token)

    assert (again.access_token, again.refresh_token) == (
        rotated.access_token,
        rotated.refresh_token,
    )
    assert again.expires_in == rotated.expires_in - 5
    assert (await world.sessions.rotate(rotated.refresh_token)).refresh_token


async def test_reuse_after_the_window_revokes_the_family(world: World) -> None:
    first = await world.sessions.start(await world.user())
    rotated = await world.sessions.rotate(first.refresh_token)

    world.clock.now += timedelta(seconds=5, milliseconds=1)
    with pytest.raises(Unauthenticated):
        await world.sessions.rotate(first.refresh_token)
    # The whole family ended: the pair the rotation handed out is dead too.
    with pytest.raises(Unauthenticated):
        await world.sessions.rotate(rotated.refresh_token)
