"""The attacks `python -m bench.abuse` runs: add a case to `ATTACKS` to get a row per target."""

from __future__ import annotations

import json
from dataclasses import dataclass

from common.testing.hostile import aliases, deep, fragment_explosion

ROUTER, SUBGRAPH = "router", "subgraph"


@dataclass(frozen=True, slots=True)
class Attack:
    name: str
    body: bytes
    content_type: str = "application/json"
    targets: tuple[str, ...] = (ROUTER, SUBGRAPH)


def graphql(query: str) -> bytes:
    return json.dumps({"query": query}).encode()


def _nested_json(depth: int) -> bytes:
    return b'{"query":"{ me { id } }","variables":{"v":' + b"[" * depth + b"]" * depth + b"}}"


ATTACKS: list[Attack] = [
    Attack("fragment explosion (30 fragments)", graphql(fragment_explosion(30))),
    Attack("1,000 aliases", graphql(aliases(1000))),
    Attack("depth 165", graphql(deep(165))),
    Attack("JSON body nested 5,000 deep", _nested_json(5000)),
]
