"""Focus session types and mutations."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from subgraphs.goals.domain.enums import FocusStatus
from subgraphs.goals.models import FocusSessionDoc
from subgraphs.goals.schema.base import Info, require_viewer_id, services
from subgraphs.goals.service.focus import FocusStats, FocusTotal


@strawberry.type(name="FocusSession", description="A timed stretch of focused work.")
class FocusSessionType:
    id: strawberry.ID = strawberry.field(description="The session's id.")
    status: FocusStatus = strawberry.field(description="Where it stands.")
    planned_minutes: int = strawberry.field(description="How long it was meant to last.")
    goal_id: strawberry.ID | None = strawberry.field(description="Linked goal, if any.")
    task_id: strawberry.ID | None = strawberry.field(description="Linked task, if any.")
    started_at: datetime = strawberry.field(description="When it started.")
    ended_at: datetime | None = strawberry.field(description="When it finished or was cancelled.")
    interruptions: int = strawberry.field(description="How many times it was paused.")
    minutes: float = strawberry.field(description="Focused minutes (pauses excluded) once done.")

    @staticmethod
    def of(doc: FocusSessionDoc) -> FocusSessionType:
        return FocusSessionType(
            id=strawberry.ID(str(doc.id)),
            status=doc.status,
            planned_minutes=doc.planned_minutes,
            goal_id=strawberry.ID(doc.goal_id) if doc.goal_id else None,
            task_id=strawberry.ID(doc.task_id) if doc.task_id else None,
            started_at=doc.started_at,
            ended_at=doc.ended_at,
            interruptions=doc.interruptions,
            minutes=doc.minutes,
        )


@strawberry.type(name="FocusTotal", description="Focus totals for one local day or week.")
class FocusTotalType:
    period: date = strawberry.field(description="The day, or the Monday starting the week.")
    minutes: float = strawberry.field(description="Focused minutes.")
    sessions: int = strawberry.field(description="Finished sessions.")
    interruptions: int = strawberry.field(description="Pauses in those sessions.")

    @staticmethod
    def of(total: FocusTotal) -> FocusTotalType:
        return FocusTotalType(
            period=total.period,
            minutes=total.minutes,
            sessions=total.sessions,
            interruptions=total.interruptions,
        )


@strawberry.type(name="FocusStats", description="Focus totals by day and by week.")
class FocusStatsType:
    total_minutes: float = strawberry.field(description="All focused minutes in the range.")
    by_day: list[FocusTotalType] = strawberry.field(description="Days with focus, oldest first.")
    by_week: list[FocusTotalType] = strawberry.field(description="Weeks with focus, oldest first.")

    @staticmethod
    def of(stats: FocusStats) -> FocusStatsType:
        return FocusStatsType(
            total_minutes=round(stats.total_minutes, 2),
            by_day=[FocusTotalType.of(t) for t in stats.by_day],
            by_week=[FocusTotalType.of(t) for t in stats.by_week],
        )


@strawberry.input(description="Start a focus session.")
class StartFocusInput:
    planned_minutes: int = strawberry.field(description="1 to 720 minutes.")
    goal_id: strawberry.ID | None = strawberry.field(default=None, description="Goal to link.")
    task_id: strawberry.ID | None = strawberry.field(
        default=None, description="Task (of goalId) to link."
    )


@strawberry.input(description="Identifies a focus session.")
class FocusIdInput:
    id: strawberry.ID = strawberry.field(description="The session.")


@strawberry.type
class FocusQueries:
    @strawberry.field(description="The viewer's running or paused session, if any.")
    async def current_focus_session(self, info: Info) -> FocusSessionType | None:
        me = await require_viewer_id(info)
        session = await services(info).focus.current(me)
        return FocusSessionType.of(session) if session else None


@strawberry.type
class FocusMutations:
    @strawberry.mutation(description="Start a session; CONFLICT while another is open.")
    async def start_focus_session(self, info: Info, input: StartFocusInput) -> FocusSessionType:
        me = await require_viewer_id(info)
        session = await services(info).focus.start(
            me,
            input.planned_minutes,
            goal_id=str(input.goal_id) if input.goal_id else None,
            task_id=str(input.task_id) if input.task_id else None,
        )
        return FocusSessionType.of(session)

    @strawberry.mutation(description="Pause a running session (counts as an interruption).")
    async def pause_focus_session(self, info: Info, input: FocusIdInput) -> FocusSessionType:
        me = await require_viewer_id(info)
        return FocusSessionType.of(await services(info).focus.pause(me, str(input.id)))

    @strawberry.mutation(description="Resume a paused session.")
    async def resume_focus_session(self, info: Info, input: FocusIdInput) -> FocusSessionType:
        me = await require_viewer_id(info)
        return FocusSessionType.of(await services(info).focus.resume(me, str(input.id)))

    @strawberry.mutation(description="Finish a session and record its focused minutes.")
    async def finish_focus_session(self, info: Info, input: FocusIdInput) -> FocusSessionType:
        me = await require_viewer_id(info)
        return FocusSessionType.of(await services(info).focus.finish(me, str(input.id)))

    @strawberry.mutation(description="Cancel a session; it counts towards no totals.")
    async def cancel_focus_session(self, info: Info, input: FocusIdInput) -> FocusSessionType:
        me = await require_viewer_id(info)
        return FocusSessionType.of(await services(info).focus.cancel(me, str(input.id)))
