"""The analytics GraphQL schema: User.stats/lifeBalance/achievements/weeklyReport, Goal.insights."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.federation.schema_directives import Authenticated
from strawberry.scalars import JSON

from common.graphql.schema import build_schema
from subgraphs.analytics.schema.achievements import BadgeDefinition, badge_definitions
from subgraphs.analytics.schema.context import Info
from subgraphs.analytics.schema.goal import Goal
from subgraphs.analytics.schema.live import Subscription
from subgraphs.analytics.schema.user import User


@strawberry.type(description="Analytics queries.")
class Query:
    @strawberry.field(
        directives=[Authenticated()],
        description="Everything analytics holds about the caller, as JSON (data export).",
        deprecation_reason="Use requestDataExport: one archive of every subgraph's data.",
    )
    async def analytics_export(self, info: Info) -> JSON:
        viewer = await info.context.require_viewer()
        return cast(JSON, await info.context.services.analytics.export(viewer.user_id))

    @strawberry.field(description="Every badge that can be earned.")
    def badges(self) -> list[BadgeDefinition]:
        return badge_definitions()


schema = build_schema("analytics", query=Query, subscription=Subscription, types=[User, Goal])
