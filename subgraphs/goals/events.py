"""What the goals subgraph consumes.

Every handler is transactional: its writes, the events it publishes (outbox rows)
and the record that the event was processed commit together, so a redelivery
finds the record and changes nothing, and a crash leaves nothing half-applied.
"""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from common.errors import BadUserInput
from common.events import DeadLetter, Event, EventBus, transactional
from common.events.catalog import (
    CoachActionRequested,
    CoachGoalRequested,
    UserDeleted,
    UserFollowed,
    UserRegistered,
    UserUpdated,
)
from subgraphs.goals.service.container import GoalsServices

USER_EVENTS = ["users.user.registered", "users.user.updated", "users.user.deleted"]
FOLLOW_EVENTS = ["community.user.followed", "community.user.unfollowed"]
COACH_EVENTS = ["chat.coach.goal_requested"]
COACH_ACTION_EVENTS = ["chat.coach.action_requested"]


class GoalsConsumers:
    def __init__(self, services: GoalsServices) -> None:
        self._services = services

    def register(self, bus: EventBus, database: AsyncDatabase[dict[str, Any]]) -> None:
        """Processed ids live in `database`, the goals database, beside the writes they guard."""
        bus.subscribe(
            "goals.users", USER_EVENTS, transactional(self.on_user_event), database=database
        )
        bus.subscribe(
            "goals.follows", FOLLOW_EVENTS, transactional(self.on_follow_event), database=database
        )
        bus.subscribe(
            "goals.coach",
            COACH_EVENTS,
            transactional(self.on_coach_goal_requested),
            database=database,
        )
        bus.subscribe(
            "goals.coach-actions",
            COACH_ACTION_EVENTS,
            transactional(self.on_coach_action_requested),
            database=database,
        )

    async def on_user_event(self, event: Event, session: AsyncClientSession) -> None:
        users = self._services.users
        if event.type == "users.user.deleted":
            await users.erase(UserDeleted.model_validate(event.data).user_id, session=session)
        elif event.type == "users.user.updated":
            updated = UserUpdated.model_validate(event.data)
            await users.record_profile(
                updated.user_id,
                timezone=updated.timezone,
                life_areas=dict(updated.life_areas),
                as_of=event.time,
                session=session,
            )
        elif event.type == "users.user.registered":
            registered = UserRegistered.model_validate(event.data)
            await users.record_profile(
                registered.user_id,
                timezone=registered.timezone,
                life_areas=None,
                as_of=event.time,
                session=session,
            )

    async def on_follow_event(self, event: Event, session: AsyncClientSession) -> None:
        follow = UserFollowed.model_validate(event.data)
        await self._services.users.record_follow(
            follow.follower_id,
            follow.followee_id,
            active=event.type == "community.user.followed",
            as_of=event.time,
            session=session,
        )

    async def on_coach_goal_requested(self, event: Event, session: AsyncClientSession) -> None:
        services = self._services
        try:
            await services.goals.create_for_coach(
                CoachGoalRequested.model_validate(event.data), services.deps.joining(session)
            )
        except BadUserInput as exc:
            # An empty or overlong title never becomes valid: no point retrying it.
            raise DeadLetter(f"coach goal refused: {exc.message}") from exc

    async def on_coach_action_requested(self, event: Event, session: AsyncClientSession) -> None:
        services = self._services
        await services.coach.apply(
            CoachActionRequested.model_validate(event.data), services.deps.joining(session)
        )
