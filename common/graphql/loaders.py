"""Batching for entity resolution: one query for all representations of a request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from strawberry.dataloader import DataLoader

V = TypeVar("V")


def batch_loader(
    fetch_many: Callable[[list[str]], Awaitable[Mapping[str, V]]],
) -> DataLoader[str, V | None]:
    """Wrap a `ids -> {id: value}` fetch as a DataLoader returning values in key order."""

    async def load(keys: list[str]) -> list[V | None]:
        found = await fetch_many(keys)
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)
