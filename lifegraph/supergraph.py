"""Composing LifeGraph's own subgraphs into the supergraph the router serves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from common.app import SubgraphDefinition
from lifegraph.discovery import PREFERRED_ORDER, service_sdl
from router.composition import CompositionError, SubgraphSource, compose
from router.supergraph import load_supergraph


def standalone_url(name: str) -> str:
    """Where `lifegraph serve <name>` listens by default: users on 4001, goals on 4002, ..."""
    rank = PREFERRED_ORDER.index(name) if name in PREFERRED_ORDER else len(PREFERRED_ORDER)
    return f"http://127.0.0.1:{4001 + rank}/graphql"


async def compose_lifegraph(
    definitions: Mapping[str, SubgraphDefinition[Any]], url_for: Callable[[str], str]
) -> str:
    sources = [
        SubgraphSource(name=name, url=url_for(name), sdl=await service_sdl(definition))
        for name, definition in definitions.items()
    ]
    return compose(sources).supergraph_sdl


def public_routes(
    definitions: Mapping[str, SubgraphDefinition[Any]], supergraph_sdl: str
) -> dict[str, str]:
    """The public paths our subgraphs declare (prefix -> subgraph), for those the
    supergraph has: the router serves them at its root."""
    present = set(load_supergraph(supergraph_sdl).subgraphs)
    return {
        prefix: name
        for name, definition in definitions.items()
        if name in present
        for prefix in definition.public_paths
    }


def describe(error: CompositionError) -> str:
    lines = ["The supergraph does not compose:"]
    for issue in error.issues:
        where = ".".join(p for p in (issue.type_name, issue.field) if p)
        subgraphs = ", ".join(issue.subgraphs) or "?"
        lines.append(
            f"  [{issue.code}] subgraph(s) {subgraphs}, {where or 'schema'}: {issue.message}"
        )
    return "\n".join(lines)
