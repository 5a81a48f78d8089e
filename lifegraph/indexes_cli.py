"""`lifegraph indexes`: create every index the subgraphs declare, once, before replicas start.

In a cluster the processes start with `LIFEGRAPH_MONGODB_CREATE_INDEXES=false`,
a Job runs `lifegraph indexes` once per release, and each pod's init container
runs `lifegraph indexes --check --wait S NAME` so no replica serves before its
database has the indexes (unique ones included) its code relies on.

The command records what it indexed as a fingerprint of the models' source in
the subgraph's `lifegraph_meta` collection; `--check` compares it with the
fingerprint of the code it runs, so a release with changed models waits for
its own Job.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import time
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from common.app import SubgraphDefinition
from common.db import Database, create_mongo_client, init_database
from common.events import OutboxPublisher
from common.events import outbox as outbox_module
from common.settings import SubgraphSettings
from lifegraph.discovery import discover_subgraphs

META = "lifegraph_meta"
MARKER = "indexes"
POLL_SECONDS = 2.0


def indexes(
    subgraphs: Annotated[
        list[str] | None, typer.Argument(help="Subgraphs to index (default: every one).")
    ] = None,
    check: Annotated[
        bool, typer.Option(help="Create nothing; exit 1 unless this code's indexes exist.")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="With --check: keep checking this many seconds first.")
    ] = 0.0,
) -> None:
    """Create the collection indexes of SUBGRAPHS in their databases at MONGODB_URL.

    Safe to run again: existing indexes are left as they are. Run it before a
    rollout whose processes start with LIFEGRAPH_MONGODB_CREATE_INDEXES=false.
    """
    definitions = discover_subgraphs()
    chosen = subgraphs or list(definitions)
    unknown = sorted(set(chosen) - set(definitions))
    if unknown:
        raise typer.BadParameter(
            f"unknown subgraph(s) {', '.join(unknown)}; known: {', '.join(definitions)}"
        )
    if check:
        missing = asyncio.run(_wait_indexed([definitions[n] for n in chosen], within=wait))
        if missing:
            typer.echo(f"not indexed for this release: {', '.join(missing)}", err=True)
            raise typer.Exit(1)
        typer.echo(f"indexed: {', '.join(chosen)}")
        return
    for name in chosen:
        counts = asyncio.run(_index(definitions[name]))
        total = sum(counts.values())
        typer.echo(f"{name}: {total} indexes on {len(counts)} collections")


def fingerprint(definition: SubgraphDefinition[Any]) -> str:
    """What the indexes of `definition` are made from: its models' source and the outbox's."""
    digest = hashlib.sha256()
    for model in sorted(definition.models, key=lambda m: m.__name__):
        digest.update(inspect.getsource(model).encode())
    digest.update(inspect.getsource(outbox_module).encode())
    return digest.hexdigest()


def _settings() -> SubgraphSettings:
    # Only the database settings every subgraph shares: indexing needs no subgraph's
    # secrets, so the Job is given none (docs/deployment.md).
    return SubgraphSettings()


async def _index(definition: SubgraphDefinition[Any]) -> dict[str, int]:
    """Index one subgraph's database; returns the index count per collection."""
    settings = _settings()
    client = create_mongo_client(settings)
    try:
        database = await init_database(
            client, settings, definition.name, definition.models, create_indexes=True
        )
        await OutboxPublisher(database, shards=settings.outbox_shards).ensure_indexes()
        await database[META].replace_one(
            {"_id": MARKER},
            {"fingerprint": fingerprint(definition), "at": datetime.now(UTC)},
            upsert=True,
        )
        return await _counts(database)
    finally:
        await client.close()


async def _counts(database: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    for collection in sorted(await database.list_collection_names()):
        if collection != META:
            found = await database[collection].list_indexes()
            counts[collection] = len(await found.to_list())
    return counts


async def _wait_indexed(definitions: list[SubgraphDefinition[Any]], *, within: float) -> list[str]:
    """Names of the subgraphs still not indexed for this code after `within` seconds."""
    settings = _settings()
    # Read once: neither the code's fingerprints nor the connection change while waiting.
    wanted = {d.name: fingerprint(d) for d in definitions}
    client = create_mongo_client(settings)
    deadline = time.monotonic() + within
    try:
        while True:
            missing = [
                name
                for name, print_ in wanted.items()
                if not await _indexed(client[settings.database_name(name)], print_)
            ]
            if not missing or time.monotonic() >= deadline:
                return missing
            await asyncio.sleep(POLL_SECONDS)
    finally:
        await client.close()


async def _indexed(database: Database, wanted: str) -> bool:
    marker = await database[META].find_one({"_id": MARKER})
    return marker is not None and marker.get("fingerprint") == wanted
