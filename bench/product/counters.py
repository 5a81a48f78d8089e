"""Per-request work the latency numbers hide: subgraph operations and database operations."""

from __future__ import annotations

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


class Counters:
    """Subgraph operations summed over every subgraph's `/metrics`; the database's opcounters."""

    def __init__(
        self, session: aiohttp.ClientSession, metrics_urls: list[str], database_port: int
    ) -> None:
        self.session = session
        self.metrics_urls = metrics_urls
        self.database: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            f"mongodb://127.0.0.1:{database_port}/?directConnection=true"
        )

    async def _operations(self, url: str) -> float:
        async with self.session.get(url) as response:
            text = await response.text()
        return sum(float(n) for n in _OPERATIONS.findall(text))

    async def read(self) -> Counts:
        operations = 0.0
        for url in self.metrics_urls:
            operations += await self._operations(url)
        status = await self.database.admin.command("serverStatus")
        # serverStatus itself counts as one command: left in, it is constant per reading.
        return Counts(operations, float(sum(status["opcounters"].values())))

    async def close(self) -> None:
        await self.database.close()
