"""The goals subgraph's fields on the users subgraph's `User` entity."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from common.errors import Forbidden
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain.enums import GoalStatus, LifeArea
from subgraphs.goals.schema.base import Info, require_viewer_id, services, viewer_id
from subgraphs.goals.schema.calendar import OccurrenceType, calendar_entries
from subgraphs.goals.schema.focus import FocusStatsType
from subgraphs.goals.schema.goals import GoalType
from subgraphs.goals.schema.habits import HabitType, habit_connection


async def _require_self(info: Info, user_id: str) -> str:
    me = await require_viewer_id(info)
    if me != user_id:
        raise Forbidden("Only the user themselves can see this.")
    return me


@strawberry.federation.type(keys=["id"], description="A LifeGraph user (owned by users).")
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return User(id=id)

    @strawberry.field(description="The user's goals the viewer may read, newest first.")
    async def goals(
        self,
        info: Info,
        status: GoalStatus | None = None,
        area: LifeArea | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[GoalType]:
        page = await services(info).goals.list_for(
            await viewer_id(info), str(self.id), PageRequest(first, after), status=status, area=area
        )
        return connection_from_page(page, GoalType.of)

    @strawberry.field(description="The user's habits (only for the user themselves).")
    async def habits(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[HabitType]:
        me = await _require_self(info, str(self.id))
        return await habit_connection(info, me, first, after)

    @strawberry.field(description="Occurrences in [from, to) (only for the user themselves).")
    async def calendar(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from", description="Window start.")],
        to: Annotated[datetime, strawberry.argument(description="Window end.")],
    ) -> list[OccurrenceType]:
        me = await _require_self(info, str(self.id))
        return await calendar_entries(info, me, from_, to)

    @strawberry.field(description="Focus totals by local day and week (only for the user).")
    async def focus_stats(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from", description="First day.")],
        to: Annotated[date, strawberry.argument(description="Last day (inclusive).")],
    ) -> FocusStatsType:
        me = await _require_self(info, str(self.id))
        return FocusStatsType.of(await services(info).focus.stats(me, from_, to))
