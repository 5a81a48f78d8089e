"""What media resolvers are handed: the request context over the services container."""

from __future__ import annotations

import strawberry

from common.graphql.context import RequestContext
from subgraphs.media.service.container import MediaServices

Info = strawberry.Info[RequestContext[MediaServices], None]


async def viewer_id(info: Info) -> str | None:
    viewer = await info.context.viewer()
    return viewer.user_id if viewer else None
