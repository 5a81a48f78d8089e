"""Batching for entity resolution: one query for all representations of a request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from strawberry.dataloader import DataLoader

V = TypeVar("V")


def batch_loader(
    fetch_many: Callable[[list[str]], Awaitable[Mapping[str, V]]],
) -> DataLoader[str, V | None]:
    """Wrap a `ids -> {id: value}` fetch as a DataLoader returning values in key order.

    Missing ids load as None. Keep one per request with `RequestContext.loader`.

    ```python
    def post_loader(info: Info) -> DataLoader[str, Post | None]:
        posts = info.context.services.repos.posts
        return info.context.loader("community.posts", lambda: batch_loader(posts.get_many))

    post = await post_loader(info).load(post_id)
    ```
    """

    async def load(keys: list[str]) -> list[V | None]:
        found = await fetch_many(keys)
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)
