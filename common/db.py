"""MongoDB: one client per process, one database per subgraph, beanie on PyMongo's async client."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from beanie import Document, init_beanie
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from common.mongo_sockets import close_cancelled_connects
from common.settings import SubgraphSettings

close_cancelled_connects()

MongoClient = AsyncMongoClient[dict[str, Any]]
Database = AsyncDatabase[dict[str, Any]]


def create_mongo_client(settings: SubgraphSettings) -> MongoClient:
    # tz_aware: every datetime we store is UTC and must come back aware, or
    # comparisons with `datetime.now(UTC)` raise.
    return AsyncMongoClient(
        settings.mongodb_url, tz_aware=True, connect=False, **durability_options(settings)
    )


def durability_options(settings: SubgraphSettings) -> dict[str, Any]:
    """The write and read concern every LifeGraph client uses; transactions inherit them.

    Pass these to any other client that writes LifeGraph data, e.g.
    `AsyncMongoClient(url, **durability_options(settings))`.
    """
    w = settings.mongodb_write_concern
    return {
        # A number counts nodes; any other string names a mode or tag set.
        "w": int(w) if w.isdigit() else w,
        "journal": settings.mongodb_journal,
        "readConcernLevel": settings.mongodb_read_concern,
    }


async def init_database(
    client: MongoClient,
    settings: SubgraphSettings,
    subgraph: str,
    models: Sequence[type[Document]],
    *,
    create_indexes: bool = True,
) -> Database:
    """The subgraph's database with beanie bound to `models`; their indexes are
    created too unless `create_indexes` is false (`lifegraph indexes` does it)."""
    database = client[settings.database_name(subgraph)]
    if models:
        await init_beanie(
            database=database, document_models=list(models), skip_indexes=not create_indexes
        )
    return database


async def ping(client: MongoClient) -> bool:
    try:
        await client.admin.command("ping")
    except Exception:
        return False
    return True
