"""`lifegraph users ...`: operator commands for accounts (the launcher mounts `users_app`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import typer
from beanie import init_beanie
from pymongo import AsyncMongoClient
from pymongo.errors import PyMongoError

from common.auth import Role
from common.db import Database, durability_options
from common.errors import LifeGraphError
from common.events import OutboxPublisher
from common.mongo_server import MongoServerError, SecantusServer
from common.settings import UsersSettings
from subgraphs.users.models import MODELS
from subgraphs.users.service.announce import announce_profiles
from subgraphs.users.service.roles import grant_role, revoke_role

T = TypeVar("T")

users_app = typer.Typer(help="Accounts: roles and other operator tasks.", no_args_is_help=True)


Email = Annotated[str, typer.Argument(help="The account's email address (any case).")]
RoleOption = Annotated[Role, typer.Option("--role", help="The role.", case_sensitive=False)]
MongoUrl = Annotated[
    str | None,
    typer.Option("--mongodb-url", help="Database URL; defaults to MONGODB_URL from settings."),
]
Embedded = Annotated[
    bool,
    typer.Option(
        "--embedded",
        help="Open the embedded database of `lifegraph up` under data_dir (stop `up` first).",
    ),
]


@users_app.command("grant-role")
def grant(
    email: Email, role: RoleOption, mongodb_url: MongoUrl = None, embedded: Embedded = False
) -> None:
    """Give an account a role, e.g. make the first admin. Takes effect at its next sign-in or
    token refresh."""
    roles = _run(mongodb_url, embedded, lambda db: grant_role(db, email, role))
    typer.echo(f"{email}: {', '.join(roles)}")


@users_app.command("revoke-role")
def revoke(
    email: Email, role: RoleOption, mongodb_url: MongoUrl = None, embedded: Embedded = False
) -> None:
    """Take a role from an account. Its access tokens keep the role until they expire
    (15 minutes at most)."""
    roles = _run(mongodb_url, embedded, lambda db: revoke_role(db, email, role))
    typer.echo(f"{email}: {', '.join(roles)}")


@users_app.command("announce-profiles")
def announce(mongodb_url: MongoUrl = None, embedded: Embedded = False) -> None:
    """Re-publish every account's profile (users.user.updated) so the other subgraphs'
    copies catch up, e.g. after an upgrade. The users subgraph's relay delivers them."""
    settings = UsersSettings()

    async def work(database: Database) -> int:
        await init_beanie(database=database, document_models=MODELS)
        publisher = OutboxPublisher(database, shards=settings.outbox_shards)
        return await announce_profiles(publisher)

    count = _run(mongodb_url, embedded, work)
    typer.echo(f"announced {count} profiles")


def _run(mongodb_url: str | None, embedded: bool, work: Callable[[Database], Awaitable[T]]) -> T:
    settings = UsersSettings()

    async def main() -> T:
        async with _database_url(mongodb_url or settings.mongodb_url, embedded) as url:
            client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
                url, tz_aware=True, serverSelectionTimeoutMS=5000, **durability_options(settings)
            )
            try:
                return await work(client[settings.database_name("users")])
            finally:
                await client.close()

    try:
        return asyncio.run(main())
    except LifeGraphError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    except MongoServerError as exc:
        typer.echo(
            f"The embedded database did not start (is `lifegraph up` running?): {exc}", err=True
        )
        raise typer.Exit(2) from exc
    except PyMongoError as exc:
        typer.echo(f"The database could not be reached: {exc}", err=True)
        raise typer.Exit(2) from exc


@asynccontextmanager
async def _database_url(configured: str, embedded: bool) -> AsyncIterator[str]:
    if not embedded:
        yield configured
        return
    # The storage admits one server at a time: with `lifegraph up` running, start fails.
    server = SecantusServer(storage=UsersSettings().data_dir / "db")
    await asyncio.to_thread(server.start)
    try:
        yield server.url
    finally:
        await asyncio.to_thread(server.stop)
