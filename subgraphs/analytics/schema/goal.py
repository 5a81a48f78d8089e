"""Goal.insights: chart-ready series about one goal."""

from __future__ import annotations

import datetime as dt

import strawberry

from common.graphql.loaders import batch_loader
from subgraphs.analytics.models import GoalView
from subgraphs.analytics.schema.context import Info, require_owner
from subgraphs.analytics.service import results


@strawberry.type(description="One point of a chart series.")
class ChartPoint:
    at: dt.datetime = strawberry.field(description="When (a local day's start for daily series).")
    value: float = strawberry.field(description="The value at that time.")


@strawberry.type(description="Chart-ready time series about one goal.")
class GoalInsights:
    progress: list[ChartPoint] = strawberry.field(
        description="Progress (0-100) each time the goal changed."
    )
    focus_minutes_per_day: list[ChartPoint] = strawberry.field(
        description="Focus minutes linked to the goal, per local day."
    )
    tasks_completed_per_day: list[ChartPoint] = strawberry.field(
        description="Tasks of the goal completed, per local day."
    )
    total_focus_minutes: float = strawberry.field(description="All focus minutes on the goal.")


def _points(points: list[results.ChartPoint]) -> list[ChartPoint]:
    return [ChartPoint(at=p.at, value=p.value) for p in points]


@strawberry.federation.type(keys=["id"], description="A goal, with chart-ready insights.")
class Goal:
    id: strawberry.ID = strawberry.field(description="The goal's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Goal:
        return cls(id=id)

    @strawberry.field(
        description="Progress and activity over time. Owner only; null for a goal never seen."
    )
    async def insights(self, info: Info) -> GoalInsights | None:
        service = info.context.services.analytics
        loader = info.context.loader("analytics.goals", lambda: batch_loader(service.goals))
        goal: GoalView | None = await loader.load(self.id)
        if goal is None:
            await info.context.require_viewer()
            return None
        await require_owner(info, goal.owner_id)
        found = await service.goal_insights(goal)
        return GoalInsights(
            progress=_points(found.progress),
            focus_minutes_per_day=_points(found.focus_minutes_per_day),
            tasks_completed_per_day=_points(found.tasks_completed_per_day),
            total_focus_minutes=found.total_focus_minutes,
        )
