"""Erasing a deleted user: every trace, in one transaction with the event that asked for it."""

from __future__ import annotations

import logging

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import AfterCommit
from subgraphs.chat.models import ConversationKind
from subgraphs.chat.repository import (
    CoachContextRepository,
    CoachMemoryRepository,
    CoachReplyJobRepository,
    CompletedMediaRepository,
    ConversationRepository,
    MessageRepository,
    ProfileRepository,
    ReadStateRepository,
)
from subgraphs.chat.service.conversations import ConversationService
from subgraphs.chat.service.live import LiveFeed

log = logging.getLogger(__name__)


class Erasure:
    def __init__(
        self,
        *,
        conversations: ConversationService,
        conversation_store: ConversationRepository,
        messages: MessageRepository,
        reads: ReadStateRepository,
        profiles: ProfileRepository,
        memory: CoachMemoryRepository,
        context: CoachContextRepository,
        jobs: CoachReplyJobRepository,
        feed: LiveFeed,
        media: CompletedMediaRepository,
    ) -> None:
        self._conversations = conversations
        self._conversation_store = conversation_store
        self._messages = messages
        self._reads = reads
        self._profiles = profiles
        self._memory = memory
        self._context = context
        self._jobs = jobs
        self._feed = feed
        self._media = media

    async def erase(self, user_id: str, *, session: AsyncClientSession) -> AfterCommit:
        """Messages, memberships, read state, card, coach conversation, memory and pending replies.

        The writes join `session`; the returned work tells live clients once they committed.
        """
        announcements: list[AfterCommit] = []
        for conversation in await self._conversation_store.all_for_member(user_id, session=session):
            conversation_id = str(conversation.id)
            if conversation.kind is ConversationKind.COACH:
                await self._messages.delete_in(conversation_id, session=session)
                await self._reads.delete_in(conversation_id, session=session)
                await self._conversation_store.delete(conversation, session=session)
                announcements.append(self._closed(conversation_id, user_id))
            else:
                announcements.append(
                    await self._conversations.drop_member(conversation, user_id, session=session)
                )
        await self._messages.delete_by_sender(user_id, session=session)
        await self._reads.delete_for(user_id=user_id, session=session)
        await self._profiles.erase(user_id, session=session)
        await self._memory.forget(user_id, session=session)
        await self._context.forget(user_id, session=session)
        await self._jobs.delete_for_user(user_id, session=session)
        # Media erases the files itself (users.user.deleted); this is chat's note of them.
        await self._media.forget_owner(user_id, session=session)

        async def announce() -> None:
            for announcement in announcements:
                await announcement()
            log.info("erased chat data of a deleted user", extra={"user_id": user_id})

        return announce

    def _closed(self, conversation_id: str, user_id: str) -> AfterCommit:
        async def announce() -> None:
            await self._feed.members_removed(conversation_id, [user_id])

        return announce
