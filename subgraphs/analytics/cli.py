"""`lifegraph analytics ...`: operator commands (the launcher mounts `analytics_app`)."""

from __future__ import annotations

import asyncio

import typer

from common.db import create_mongo_client
from common.errors import Conflict
from common.settings import AnalyticsSettings
from subgraphs.analytics.service.analytics import rebuild_projections

analytics_app = typer.Typer(help="Analytics operations.", no_args_is_help=True)


@analytics_app.callback()
def _group() -> None:
    # A callback keeps `rebuild` a sub-command even while it is the only one.
    return None


async def _rebuild() -> int:
    settings = AnalyticsSettings()
    client = create_mongo_client(settings)
    try:
        return await rebuild_projections(client[settings.database_name("analytics")])
    finally:
        await client.close()


@analytics_app.command()
def rebuild() -> None:
    """Drop the analytics projections and replay them from the stored event log.

    Safe while the analytics consumers run: they defer events until it is done.
    """
    try:
        replayed = asyncio.run(_rebuild())
    except Conflict as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"rebuilt analytics projections from {replayed} events")
