"""What the chat subgraph consumes from other subgraphs: each applied exactly once, atomically."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import Runtime
from common.events import AfterCommit, Event, transactional
from common.events.catalog import CoachGoalCreated, UserDeleted, UserRegistered, UserUpdated
from subgraphs.chat.service.container import ChatServices


def register_consumers(runtime: Runtime, services: ChatServices) -> None:
    erasure, profiles, coach = services.erasure, services.profiles, services.coach

    async def on_profile(event: Event, session: AsyncClientSession) -> None:
        change = event.payload()
        if isinstance(change, UserRegistered | UserUpdated):
            await profiles.apply(change, event.time, session=session)

    async def on_user_deleted(event: Event, session: AsyncClientSession) -> AfterCommit:
        return await erasure.erase(UserDeleted.model_validate(event.data).user_id, session=session)

    async def on_coach_goal_created(
        event: Event, session: AsyncClientSession
    ) -> AfterCommit | None:
        return await coach.confirm_goal(CoachGoalCreated.model_validate(event.data), session)

    runtime.consume("chat.user-erasure", ["users.user.deleted"], transactional(on_user_deleted))
    runtime.consume(
        "chat.profiles",
        ["users.user.registered", "users.user.updated"],
        transactional(on_profile),
    )
    runtime.consume(
        "chat.coach-goals", ["goals.coach_goal.created"], transactional(on_coach_goal_created)
    )
