"""Writes and their events commit together: a publish that fails leaves no write behind."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from bson import ObjectId
from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import Runtime
from common.auth import StaticKeySource
from common.db import Database, init_database
from common.events import Event, OutboxPublisher
from common.infra import open_infrastructure
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.tokens import TestKeys
from subgraphs.users.app import build
from subgraphs.users.domain.tokens import hash_token
from subgraphs.users.models import MODELS, OneTimeToken, TokenPurpose, utcnow
from subgraphs.users.service.accounts import ProfileChanges
from subgraphs.users.service.container import UsersServices
from tests.subgraphs.users.helpers import PASSWORD, unique_email


class Crash(Exception):
    pass


class CrashingPublisher(OutboxPublisher):
    """Stores the outbox row in the caller's transaction, then dies before the commit."""

    crashing = False

    async def publish(self, event: Event, *, session: AsyncClientSession | None = None) -> None:
        await super().publish(event, session=session)
        if self.crashing:
            raise Crash(event.type)


@dataclass
class World:
    services: UsersServices
    publisher: CrashingPublisher
    db: Database

    async def outbox_types(self) -> list[str]:
        return [row["type"] async for row in self.db["outbox"].find({}, sort=[("_id", 1)])]

    async def count(self, collection: str, user_id: str) -> int:
        return await self.db[collection].count_documents({"user_id": user_id})


@pytest.fixture
async def world(users_settings: Settings, test_keys: TestKeys) -> AsyncIterator[World]:
    settings = users_settings.model_copy(update={"amqp_url": None})
    keys = StaticKeySource(test_keys.key_set)
    async with cleanup(settings), open_infrastructure(settings, key_source=keys) as infra:
        db = await init_database(infra.mongo, settings, "users", MODELS)
        publisher = CrashingPublisher(db)
        await publisher.ensure_indexes()
        services = await build(Runtime("users", infra, db, infra.verifier, publisher))
        yield World(services, publisher, db)


async def test_register_leaves_no_account_when_its_event_fails(world: World) -> None:
    email = unique_email()
    world.publisher.crashing = True
    with pytest.raises(Crash, match=r"users\.user\.registered"):
        await world.services.auth.register(email=email, password=PASSWORD, name="Ada")
    assert await world.db["users"].count_documents({"email_key": email}) == 0
    assert await world.outbox_types() == []

    world.publisher.crashing = False
    session = await world.services.auth.register(email=email, password=PASSWORD, name="Ada")
    assert session.user.email == email
    assert await world.outbox_types() == ["users.user.registered"]


async def test_profile_change_is_undone_when_its_event_fails(world: World) -> None:
    user = (
        await world.services.auth.register(email=unique_email(), password=PASSWORD, name="A")
    ).user
    world.publisher.crashing = True
    with pytest.raises(Crash):
        await world.services.accounts.update_profile(
            str(user.id), ProfileChanges(display_name="Changed")
        )
    stored = await world.db["users"].find_one({"_id": user.id})
    assert stored is not None
    assert stored["display_name"] == "A"
    assert await world.outbox_types() == ["users.user.registered"]


async def test_account_deletion_is_all_or_nothing(world: World) -> None:
    user = (
        await world.services.auth.register(email=unique_email(), password=PASSWORD, name="A")
    ).user
    user_id = str(user.id)
    await world.services.sessions.start(user)  # a second session
    await world.services.api_keys.create(user_id, name="script", scopes=None)
    world.publisher.crashing = True
    with pytest.raises(Crash, match=r"users\.user\.deleted"):
        await world.services.accounts.delete(user_id, password=PASSWORD)
    # Nothing went: not the account, not its sessions.
    assert await world.db["users"].count_documents({"_id": ObjectId(user_id)}) == 1
    assert await world.count("refresh_families", user_id) == 2
    assert await world.count("refresh_tokens", user_id) == 2
    assert await world.count("api_keys", user_id) == 1
    assert await world.outbox_types() == ["users.user.registered"]

    world.publisher.crashing = False
    await world.services.accounts.delete(user_id, password=PASSWORD)
    assert await world.db["users"].count_documents({"_id": ObjectId(user_id)}) == 0
    assert await world.count("refresh_families", user_id) == 0
    assert await world.count("refresh_tokens", user_id) == 0
    assert await world.count("api_keys", user_id) == 0
    assert await world.outbox_types() == ["users.user.registered", "users.user.deleted"]


async def test_email_verification_keeps_its_token_when_its_event_fails(world: World) -> None:
    user = (
        await world.services.auth.register(email=unique_email(), password=PASSWORD, name="A")
    ).user
    now = utcnow()
    await OneTimeToken(
        token_hash=hash_token("mailed-token"),
        purpose=TokenPurpose.EMAIL_VERIFICATION,
        user_id=str(user.id),
        email_key=user.email_key,
        created_at=now,
        expires_at=now + timedelta(hours=1),
    ).insert()
    world.publisher.crashing = True
    with pytest.raises(Crash):
        await world.services.recovery.verify_email("mailed-token")
    stored = await world.db["users"].find_one({"_id": user.id})
    assert stored is not None
    assert stored["email_verified"] is False

    # The token was not used up by the failed attempt: the link still works.
    world.publisher.crashing = False
    verified = await world.services.recovery.verify_email("mailed-token")
    assert verified.email_verified
    assert await world.outbox_types() == ["users.user.registered", "users.user.updated"]
