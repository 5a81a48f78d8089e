"""What the community subgraph consumes: the users subgraph's lifecycle events."""

from __future__ import annotations

from common.events import Event, EventBus
from common.events.catalog import UserDeleted, UserRegistered, UserUpdated
from subgraphs.community.models import Privacy
from subgraphs.community.service import CommunityServices

CONSUMER = "community.users"
TOPICS = ["users.user.registered", "users.user.updated", "users.user.deleted"]


def register_consumers(bus: EventBus, services: CommunityServices) -> None:
    async def handle(event: Event) -> None:
        if event.type == "users.user.registered":
            registered = UserRegistered.model_validate(event.data)
            await services.social.sync_profile(
                registered.user_id, event.time, display_name=registered.display_name, privacy=None
            )
        elif event.type == "users.user.updated":
            updated = UserUpdated.model_validate(event.data)
            await services.social.sync_profile(
                updated.user_id,
                event.time,
                display_name=updated.display_name,
                privacy=Privacy(updated.profile_privacy),
            )
        elif event.type == "users.user.deleted":
            await services.erasure.erase_user(UserDeleted.model_validate(event.data).user_id)

    bus.subscribe(CONSUMER, TOPICS, handle)
