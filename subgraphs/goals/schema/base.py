"""Shared schema pieces: the Info type, enum registration, patch helpers."""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry

from common.errors import BadUserInput
from common.graphql.context import RequestContext
from subgraphs.goals.domain import enums
from subgraphs.goals.domain.streaks import StreakUnit
from subgraphs.goals.service.base import UNSET
from subgraphs.goals.service.container import GoalsServices
from subgraphs.goals.service.trackers import Period

Info = strawberry.Info[RequestContext[GoalsServices], None]
T = TypeVar("T")

strawberry.enum(enums.LifeArea, description="The six areas of life goals belong to.")
strawberry.enum(enums.GoalStatus, description="Where a goal stands.")
strawberry.enum(
    enums.Visibility,
    description="Who may read a goal: only the owner, the owner's followers, or anyone.",
)
strawberry.enum(
    enums.ProgressMode,
    description="DERIVED: computed from sub-goals and tasks; MANUAL: set by hand.",
)
strawberry.enum(
    enums.ScheduleKind,
    description="When a habit is due: every day, on chosen weekdays, or N times per week.",
)
strawberry.enum(enums.FocusStatus, description="Lifecycle of a focus session.")
strawberry.enum(enums.ReminderTarget, description="What a reminder is about.")
strawberry.enum(
    enums.ReminderStatus, description="PENDING until fired; SENT once fired for the last time."
)
strawberry.enum(enums.TrackerMetric, description="What a tracker entry measures.")
strawberry.enum(enums.TrackerKind, description="The tracker family of a metric.")
strawberry.enum(StreakUnit, description="Streaks count days, or weeks for N-times-per-week habits.")
strawberry.enum(Period, description="Aggregate per local day or per week (Monday).")


def patch(value: Any, field: str, *, nullable: bool = False) -> Any:
    """strawberry.UNSET (not sent) becomes the service's UNSET; null only where allowed."""
    if value is strawberry.UNSET:
        return UNSET
    if value is None and not nullable:
        raise BadUserInput(f"`{field}` cannot be null.", field=field)
    return value


async def viewer_id(info: Info) -> str | None:
    viewer = await info.context.viewer()
    return viewer.user_id if viewer else None


async def require_viewer_id(info: Info) -> str:
    return (await info.context.require_viewer()).user_id


def services(info: Info) -> GoalsServices:
    return info.context.services
