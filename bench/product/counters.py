"""Per-request work the latency numbers hide: subgraph operations and database operations."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

import aiohttp
from pymongo import AsyncMongoClient

_OPERATIONS = re.compile(r"^lifegraph_graphql_operation_seconds_count\{[^}]*\} ([0-9.e+]+)$", re.M)


@dataclass(frozen=True)
class Counts:
    subgraph_operations: float
    database_operations: float


def database_port(pid: int) -> int | None:
    """The port of the embedded database `lifegraph up` started as its child."""
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) != pid:
                    continue
            with open(f"/proc/{entry}/cmdline") as cmdline:
                args = cmdline.read().split("\0")
        except (OSError, ValueError):
            continue
        if "--port" in args:
            return int(args[args.index("--port") + 1])
    return None


class Counters:
    def __init__(self, session: aiohttp.ClientSession, url: str, database_port: int) -> None:
        self.session = session
        self.metrics_url = f"{url}/subgraphs/users/metrics"
        self.database: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            f"mongodb://127.0.0.1:{database_port}"
        )

    async def read(self) -> Counts:
        async with self.session.get(self.metrics_url) as response:
            text = await response.text()
        operations = sum(float(n) for n in _OPERATIONS.findall(text))
        status = await self.database.admin.command("serverStatus")
        # serverStatus itself counts as one command: left in, it is constant per reading.
        return Counts(operations, float(sum(status["opcounters"].values())))

    async def close(self) -> None:
        await self.database.close()
