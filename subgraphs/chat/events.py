"""What the chat subgraph consumes from other subgraphs."""

from __future__ import annotations

from common.events import Event, EventBus
from common.events.catalog import CoachGoalCreated, UserDeleted
from subgraphs.chat.coach.service import CoachService
from subgraphs.chat.service import ChatService


def register_consumers(bus: EventBus, chat: ChatService, coach: CoachService) -> None:
    async def on_user_deleted(event: Event) -> None:
        await chat.erase_user(UserDeleted.model_validate(event.data).user_id)

    async def on_coach_goal_created(event: Event) -> None:
        await coach.confirm_goal(CoachGoalCreated.model_validate(event.data))

    bus.subscribe("chat.user-erasure", ["users.user.deleted"], on_user_deleted)
    bus.subscribe("chat.coach-goals", ["goals.coach_goal.created"], on_coach_goal_created)
