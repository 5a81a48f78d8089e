"""The gateways under test: how each is started over the same supergraph and subgraphs."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.gateways.node import JS, NODE, package_version

_HIVE = JS / "node_modules" / "@graphql-hive" / "gateway" / "dist" / "bin.js"
_GRAFBASE = JS / "node_modules" / "@grafbase" / "cli-x86_64-unknown-linux-musl" / "grafbase"
_LIFEGRAPH = Path(sys.executable).parent / "lifegraph"


@dataclass(frozen=True)
class Peer:
    name: str
    version: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    # What must exist for it to run; its absence is reported, not skipped silently.
    needs: Path | None = None


def peers(supergraph: Path, grafbase_toml: Path, port: int, redis_prefix: str) -> list[Peer]:
    """Every row of the table, on `port` one after the other."""
    lifegraph_env = {
        "LIFEGRAPH_LOG_LEVEL": "WARNING",
        # A load generator is one client address: the limit must not be what is measured.
        "LIFEGRAPH_ROUTER_RATE_LIMIT": "1000000000",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "LIFEGRAPH_REDIS_PREFIX": redis_prefix,
    }
    router = [str(_LIFEGRAPH), "router", "--supergraph", str(supergraph)]
    router += ["--host", "127.0.0.1", "--port", str(port)]
    hive = [str(NODE), str(_HIVE), "supergraph", str(supergraph), "--host", "127.0.0.1"]
    hive += ["--port", str(port)]
    hive_version = package_version("@graphql-hive/gateway")
    return [
        Peer("LifeGraph", "this tree", router, lifegraph_env),
        Peer("LifeGraph x2", "2 workers", [*router, "--workers", "2"], lifegraph_env),
        Peer(
            "Hive GW (Rust QP)",
            f"{hive_version}, router-runtime {package_version('@graphql-hive/router-runtime')}",
            [*hive, "--hive-router-runtime"],
            needs=_HIVE,
        ),
        Peer(
            "Apollo GW",
            package_version("@apollo/gateway"),
            [str(NODE), str(JS / "apollo.mjs"), str(supergraph), str(port)],
            needs=JS / "node_modules" / "@apollo" / "gateway",
        ),
        Peer("Hive GW (JS)", hive_version, hive, needs=_HIVE),
        Peer(
            "Grafbase",
            package_version("@grafbase/cli-x86_64-unknown-linux-musl"),
            [str(_GRAFBASE), "dev", "-c", str(grafbase_toml), "-p", str(port)],
            needs=_GRAFBASE,
        ),
    ]


def grafbase_config(schema_dir: Path, urls: dict[str, str]) -> str:
    """grafbase.toml: each subgraph's URL and SDL file (Grafbase composes them itself)."""
    return "".join(
        f'[subgraphs.{name}]\nurl = "{url}"\nschema_path = "{schema_dir / f"{name}.graphql"}"\n'
        for name, url in urls.items()
    )
