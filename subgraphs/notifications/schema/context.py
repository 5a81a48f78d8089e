"""What notifications resolvers are handed: the request context over the services container."""

from __future__ import annotations

import strawberry

from common.graphql.context import RequestContext
from subgraphs.notifications.service.container import NotificationsServices

Info = strawberry.Info[RequestContext[NotificationsServices], None]
