"""What media resolvers are handed: the request context over the services container."""

from __future__ import annotations

import strawberry
from strawberry.dataloader import DataLoader

from common.auth import Role
from common.graphql.context import RequestContext
from common.graphql.loaders import batch_loader
from subgraphs.media.models import StoredMedia
from subgraphs.media.service.container import MediaServices
from subgraphs.media.service.visibility import Reader

Info = strawberry.Info[RequestContext[MediaServices], None]


async def reader(info: Info) -> Reader:
    viewer = await info.context.viewer()
    if viewer is None:
        return Reader(None)
    return Reader(viewer.user_id, moderator=viewer.has_role(Role.MODERATOR))


async def visible_media(info: Info) -> DataLoader[str, StoredMedia | None]:
    """Every Media of one request checked together: a feed's photos cost a few queries."""
    who = await reader(info)
    visibility = info.context.services.visibility
    return info.context.loader(
        "media.visible", lambda: batch_loader(lambda ids: visibility.visible_many(who, ids))
    )
