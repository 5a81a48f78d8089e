"""What analytics resolvers are handed: the request context over the services container."""

from __future__ import annotations

import strawberry

from common.errors import Forbidden
from common.graphql.context import RequestContext
from subgraphs.analytics.service.container import AnalyticsServices

Info = strawberry.Info[RequestContext[AnalyticsServices], None]


async def require_owner(info: Info, user_id: str) -> None:
    # Private analytics: anonymous callers get UNAUTHENTICATED, other users FORBIDDEN.
    viewer = await info.context.require_viewer()
    if viewer.user_id != user_id:
        raise Forbidden("Only the user themselves can see this.")
