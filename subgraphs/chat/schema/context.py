"""The per-request context chat resolvers see (it holds `ChatServices`), and their loaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from common.graphql.context import RequestContext
from common.graphql.loaders import batch_loader
from subgraphs.chat.service.container import ChatServices

V = TypeVar("V")


Info = strawberry.Info[RequestContext[ChatServices], None]


def loader(
    info: Info, name: str, fetch_many: Callable[[list[str]], Awaitable[Mapping[str, V]]]
) -> DataLoader[str, V | None]:
    return info.context.loader(name, lambda: batch_loader(fetch_many))


async def viewer_id(info: Info) -> str:
    return (await info.context.require_viewer()).user_id
