"""Finds the subgraphs that exist: every `subgraphs/<name>/app.py` exposing `subgraph`."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import subgraphs
from common.app import SubgraphDefinition

# Composition and start-up order: the identity provider first.
PREFERRED_ORDER = ("users", "goals", "community", "chat", "analytics", "notifications")


def discover_subgraphs() -> dict[str, SubgraphDefinition[Any]]:
    found: dict[str, SubgraphDefinition[Any]] = {}
    for module in pkgutil.iter_modules(subgraphs.__path__):
        if not module.ispkg:
            continue
        try:
            app = importlib.import_module(f"subgraphs.{module.name}.app")
        except ModuleNotFoundError as exc:
            if exc.name == f"subgraphs.{module.name}.app":
                continue
            raise
        definition = getattr(app, "subgraph", None)
        if isinstance(definition, SubgraphDefinition):
            found[definition.name] = definition
    rank = {name: i for i, name in enumerate(PREFERRED_ORDER)}
    return dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


async def service_sdl(definition: SubgraphDefinition[Any]) -> str:
    result = await definition.schema.execute("{ _service { sdl } }")
    if result.errors or not result.data:
        raise RuntimeError(f"subgraph {definition.name} did not print its SDL: {result.errors}")
    sdl: str = result.data["_service"]["sdl"]
    return sdl
