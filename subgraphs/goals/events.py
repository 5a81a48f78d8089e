"""What the goals subgraph consumes. Every handler is idempotent: redelivery changes nothing."""

from __future__ import annotations

from common.events import Event, EventBus
from common.events.catalog import (
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


class GoalsConsumers:
    def __init__(self, services: GoalsServices) -> None:
        self._services = services

    def register(self, bus: EventBus) -> None:
        bus.subscribe("goals.users", USER_EVENTS, self.on_user_event)
        bus.subscribe("goals.follows", FOLLOW_EVENTS, self.on_follow_event)
        bus.subscribe("goals.coach", COACH_EVENTS, self.on_coach_goal_requested)

    async def on_user_event(self, event: Event) -> None:
        users = self._services.users
        if event.type == "users.user.deleted":
            await users.erase(UserDeleted.model_validate(event.data).user_id)
        elif event.type == "users.user.updated":
            updated = UserUpdated.model_validate(event.data)
            await users.record_profile(
                updated.user_id,
                timezone=updated.timezone,
                life_areas=dict(updated.life_areas),
                as_of=event.time,
            )
        elif event.type == "users.user.registered":
            registered = UserRegistered.model_validate(event.data)
            await users.record_profile(
                registered.user_id, timezone=registered.timezone, life_areas=None, as_of=event.time
            )

    async def on_follow_event(self, event: Event) -> None:
        follow = UserFollowed.model_validate(event.data)
        await self._services.users.record_follow(
            follow.follower_id,
            follow.followee_id,
            active=event.type == "community.user.followed",
            as_of=event.time,
        )

    async def on_coach_goal_requested(self, event: Event) -> None:
        await self._services.goals.create_for_coach(CoachGoalRequested.model_validate(event.data))
