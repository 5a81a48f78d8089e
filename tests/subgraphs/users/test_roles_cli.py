"""`lifegraph users grant-role / revoke-role`: how operators make the first admin."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pymongo import MongoClient
from typer.testing import CliRunner, Result

from common.auth import Role
from common.db import Database
from common.errors import BadUserInput, NotFound
from common.mongo_server import SecantusServer
from common.settings import Settings, get_settings
from subgraphs.users.cli import users_app
from subgraphs.users.service.roles import grant_role, revoke_role
from tests.subgraphs.users.helpers import Api, code_of, unique_email

USERS = "query { users(first: 5) { edges { node { id } } } }"


async def _token(api: Api, email: str) -> str:
    token: str = (await api.login(email))["data"]["login"]["accessToken"]
    return token


async def test_grant_and_revoke_by_email(api: Api, users_db: Database) -> None:
    email = unique_email("boss")
    await api.register(email=email)
    assert code_of(await api.error(USERS, token=await _token(api, email))) == "FORBIDDEN"

    assert await grant_role(users_db, email.upper(), Role.ADMIN) == ["user", "admin"]
    assert await grant_role(users_db, email, Role.ADMIN) == ["user", "admin"]  # idempotent
    assert await grant_role(users_db, email, Role.MODERATOR) == ["user", "moderator", "admin"]
    # The next sign-in carries the role.
    admin_token = await _token(api, email)
    assert (await api.me(admin_token))["data"]["me"]["roles"] == ["USER", "MODERATOR", "ADMIN"]
    assert "users" in await api.ok(USERS, token=admin_token)

    assert await revoke_role(users_db, email, Role.ADMIN) == ["user", "moderator"]
    assert code_of(await api.error(USERS, token=await _token(api, email))) == "FORBIDDEN"

    with pytest.raises(BadUserInput):
        await revoke_role(users_db, email, Role.USER)
    with pytest.raises(NotFound):
        await grant_role(users_db, unique_email("nobody"), Role.ADMIN)


@pytest.fixture
def configured(users_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command reads settings from the environment, as an operator's shell gives them."""
    monkeypatch.setenv("LIFEGRAPH_MONGODB_URL", users_settings.mongodb_url)
    monkeypatch.setenv("LIFEGRAPH_DATABASE_PREFIX", users_settings.database_prefix)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def _cli(*args: str) -> Result:
    # The command runs its own event loop, so it gets a thread of its own.
    return await asyncio.to_thread(CliRunner().invoke, users_app, list(args))


@pytest.mark.usefixtures("configured")
async def test_the_command_against_the_configured_database(api: Api) -> None:
    email = unique_email("first-admin")
    await api.register(email=email)

    granted = await _cli("grant-role", email, "--role", "admin")
    assert granted.exit_code == 0, granted.output
    assert granted.output.strip() == f"{email}: user, admin"
    assert "users" in await api.ok(USERS, token=await _token(api, email))

    revoked = await _cli("revoke-role", email, "--role", "ADMIN")
    assert revoked.exit_code == 0, revoked.output
    assert revoked.output.strip() == f"{email}: user"

    missing = await _cli("grant-role", "nobody@example.org", "--role", "admin")
    assert missing.exit_code == 1
    assert "no account with the address nobody@example.org" in missing.output

    wrong = await _cli("grant-role", email, "--role", "owner")
    assert wrong.exit_code == 2


async def test_the_embedded_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users_settings: Settings
) -> None:
    storage = tmp_path / "db"
    with SecantusServer(storage=storage) as server:
        seeded: MongoClient[dict[str, object]] = MongoClient(server.url)
        seeded[users_settings.database_name("users")]["users"].insert_one(
            {"email": "Ops@Example.org", "email_key": "ops@example.org", "roles": ["user"]}
        )
        seeded.close()
    monkeypatch.setenv("LIFEGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LIFEGRAPH_DATABASE_PREFIX", users_settings.database_prefix)
    get_settings.cache_clear()
    try:
        granted = await _cli("grant-role", "ops@example.org", "--role", "admin", "--embedded")
        assert granted.exit_code == 0, granted.output
        assert granted.output.strip() == "ops@example.org: user, admin"

        # One server per storage: a second one (as with `lifegraph up` running) is refused.
        with SecantusServer(storage=storage):
            busy = await _cli("grant-role", "ops@example.org", "--role", "admin", "--embedded")
    finally:
        get_settings.cache_clear()
    assert busy.exit_code == 2
    assert "is `lifegraph up` running?" in busy.output
