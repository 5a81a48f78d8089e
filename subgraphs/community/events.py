"""What the community subgraph consumes: users' lifecycle events, goals' changes and
completed media (for `createPost(mediaIds:)`).

The users and goals consumers are `transactional`: the processed-event record and every write
the event causes (and the events it publishes, through the outbox) commit in
one transaction, so a redelivery or a crash halfway never applies half an event
or applies one twice.
"""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import Runtime
from common.events import DeadLetter, Event, OutboxTransaction, transactional
from common.events.catalog import (
    GoalChanged,
    MediaCompleted,
    UserDeleted,
    UserRegistered,
    UserUpdated,
)
from common.media_refs import MEDIA_COMPLETED
from subgraphs.community.models import Privacy
from subgraphs.community.service.container import CommunityServices

USERS_CONSUMER = "community.users"
USERS_TOPICS = ["users.user.registered", "users.user.updated", "users.user.deleted"]
MEDIA_CONSUMER = "community.media"
GOALS_CONSUMER = "community.goals"
GOALS_TOPICS = [
    "goals.goal.created",
    "goals.goal.updated",
    "goals.goal.completed",
    "goals.goal.reopened",
    "goals.goal.deleted",
    "goals.goal.restored",
]


def register_consumers(runtime: Runtime, services: CommunityServices) -> None:
    async def on_user(event: Event, session: AsyncClientSession) -> None:
        payload = event.payload()
        if isinstance(payload, UserRegistered):
            await services.social.sync_profile(
                payload.user_id,
                event.time,
                display_name=payload.display_name,
                privacy=None,
                session=session,
            )
        elif isinstance(payload, UserUpdated):
            await services.social.sync_profile(
                payload.user_id,
                event.time,
                display_name=payload.display_name,
                privacy=Privacy(payload.profile_privacy),
                session=session,
            )
        elif isinstance(payload, UserDeleted):
            # Unfollow events join this transaction's outbox rows; the relay's
            # poll picks them up once it commits.
            unit = OutboxTransaction(runtime.publisher, session)
            await services.erasure.erase_in(unit, payload.user_id)

    async def on_goal(event: Event, session: AsyncClientSession) -> None:
        payload = event.payload()
        if not isinstance(payload, GoalChanged):
            raise DeadLetter(f"{event.type} is not a goal change")
        await services.goals.apply(
            payload,
            event.time,
            deleted=event.type == "goals.goal.deleted",
            restored=event.type == "goals.goal.restored",
            session=session,
        )

    async def on_media(event: Event) -> None:
        # One idempotent upsert: needs no transaction.
        await services.posts.record_media(MediaCompleted.model_validate(event.data))

    runtime.consume(USERS_CONSUMER, USERS_TOPICS, transactional(on_user))
    runtime.consume(MEDIA_CONSUMER, [MEDIA_COMPLETED], on_media)
    runtime.consume(GOALS_CONSUMER, GOALS_TOPICS, transactional(on_goal))
