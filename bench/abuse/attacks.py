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


def _oversized(size: int) -> bytes:
    return json.dumps({"query": "{ me { id } }", "variables": {"pad": "x" * size}}).encode()


# The bench subgraph is a bare Strawberry app; transport checks are the router's (and
# every kit-built subgraph's), so the body-level attacks go to the router.
ATTACKS: list[Attack] = [
    Attack("fragment explosion (30 fragments)", graphql(fragment_explosion(30))),
    Attack("1,000 aliases", graphql(aliases(1000))),
    Attack("depth 165", graphql(deep(165))),
    Attack("JSON body nested 5,000 deep", _nested_json(5000), targets=(ROUTER,)),
    Attack("2 MB body", _oversized(2 << 20), targets=(ROUTER,)),
    Attack(
        "lone surrogate in a variable",
        b'{"query":"{ me { id } }","variables":{"v":"\\ud800"}}',
        targets=(ROUTER,),
    ),
    Attack("invalid UTF-8 body", b'{"query":"{ me { id } }\xff\xfe"}', targets=(ROUTER,)),
]
