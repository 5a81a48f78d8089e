"""What the media subgraph consumes: account erasure, the events tying media to posts
and messages, the parts of data exports, and who sees a post (docs/media.md).

None is transactional: objects live outside the database. Each handler is idempotent,
so a redelivery after a crash finishes what the first delivery began, and deleting
what is already gone changes nothing.
"""

from __future__ import annotations

from common.app import Runtime
from common.events import DeadLetter, Event
from common.events.catalog import (
    CoachSpeechRequested,
    ConversationMembers,
    ExportPartReady,
    MessageAttached,
    MessageDeleted,
    PostDeleted,
    PostMediaStatus,
    UserBlocked,
    UserDeleted,
    UserFollowed,
    UserUpdated,
)
from subgraphs.media.models import RelationKind
from subgraphs.media.service.container import MediaServices

ATTACHMENT_TOPICS = [
    "chat.message.attached",
    "chat.conversation.members_changed",
    "chat.message.deleted",
    "community.post.deleted",
]
AUDIENCE_TOPICS = [
    "community.post_media.changed",
    "community.user.followed",
    "community.user.unfollowed",
    "community.user.blocked",
    "community.user.unblocked",
    "users.user.updated",
]


class MediaConsumers:
    def __init__(self, services: MediaServices) -> None:
        self._services = services

    def register(self, runtime: Runtime) -> None:
        runtime.consume("media.users", ["users.user.deleted"], self.on_user_deleted)
        runtime.consume("media.attachments", ATTACHMENT_TOPICS, self.on_attachment_event)
        if self._services.spoken is not None:
            # Without a speech provider no queue is bound: the requests go nowhere.
            runtime.consume(
                "media.coach-speech", ["chat.coach.speech_requested"], self.on_speech_requested
            )
        runtime.consume("media.exports", ["*.export.part_ready"], self.on_export_part)
        runtime.consume("media.audience", AUDIENCE_TOPICS, self.on_audience_event)

    async def on_user_deleted(self, event: Event) -> None:
        user_id = UserDeleted.model_validate(event.data).user_id
        await self._services.uploads.erase_owner(user_id)
        await self._services.exports.erase_owner(user_id)
        await self._services.audience.erase(user_id)

    async def on_speech_requested(self, event: Event) -> None:
        if self._services.spoken is not None:
            request = CoachSpeechRequested.model_validate(event.data)
            await self._services.spoken.requested(request, event.time)

    async def on_export_part(self, event: Event) -> None:
        await self._services.exports.part_ready(ExportPartReady.model_validate(event.data))

    async def on_audience_event(self, event: Event) -> None:
        audience = self._services.audience
        payload = event.payload()
        if isinstance(payload, PostMediaStatus):
            await audience.post_status(payload, event.time)
        elif isinstance(payload, UserUpdated):
            await audience.privacy_changed(payload.user_id, payload.profile_privacy, event.time)
        elif isinstance(payload, UserFollowed):
            await audience.relation_changed(
                RelationKind.FOLLOW,
                payload.follower_id,
                payload.followee_id,
                active=event.type == "community.user.followed",
                at=event.time,
            )
        elif isinstance(payload, UserBlocked):
            await audience.relation_changed(
                RelationKind.BLOCK,
                payload.blocker_id,
                payload.blocked_id,
                active=event.type == "community.user.blocked",
                at=event.time,
            )
        else:
            raise DeadLetter(f"{event.type} is not an audience event")

    async def on_attachment_event(self, event: Event) -> None:
        attachments = self._services.attachments
        payload = event.payload()
        if isinstance(payload, MessageAttached):
            await attachments.sent_in(payload, event.time)
        elif isinstance(payload, ConversationMembers):
            await attachments.members_changed(
                payload.conversation_id, payload.member_ids, event.time
            )
        elif isinstance(payload, MessageDeleted):
            await attachments.owner_removed(payload.sender_id, payload.media_ids)
        elif isinstance(payload, PostDeleted):
            await attachments.owner_removed(payload.author_id, payload.media_ids)
        else:
            raise DeadLetter(f"{event.type} is not an attachment event")
