"""Read state: how far each member has read, and what is still unread."""

from __future__ import annotations

from common.errors import NotFound
from subgraphs.chat.models import Conversation, ReadState, utcnow
from subgraphs.chat.repository import MessageRepository, ReadStateRepository
from subgraphs.chat.service.conversations import ConversationService
from subgraphs.chat.service.live import LiveFeed


class ReadService:
    def __init__(
        self,
        *,
        conversations: ConversationService,
        messages: MessageRepository,
        reads: ReadStateRepository,
        feed: LiveFeed,
    ) -> None:
        self._conversations = conversations
        self._messages = messages
        self._reads = reads
        self._feed = feed

    async def mark_read(
        self, viewer: str, conversation_id: str, message_id: str | None
    ) -> Conversation:
        conversation = await self._conversations.member_conversation(viewer, conversation_id)
        if message_id is None:
            if conversation.last_message_id is None:
                return conversation
            target_id, seq = conversation.last_message_id, conversation.last_message_seq
        else:
            message = await self._messages.get(message_id)
            if message is None or message.conversation_id != conversation_id:
                raise NotFound("Message not found in this conversation.", field="messageId")
            target_id, seq = message_id, message.seq
        # At the database's precision, so the live receipt and a fetched one agree.
        now = utcnow()
        at = now.replace(microsecond=now.microsecond // 1000 * 1000)
        if await self._reads.advance(conversation_id, viewer, seq, target_id, at):
            # The reader's unread count, on their own channel; the receipt, on the
            # conversation's, for whoever has it open.
            await self._feed.conversation_changed(conversation_id, [viewer], "read")
            await self._feed.read(conversation_id, viewer, target_id, at)
        return conversation

    async def unread_counts(self, viewer: str, conversation_ids: list[str]) -> dict[str, int]:
        states = await self._reads.for_user(viewer, conversation_ids)
        upto = [(c, states[c].last_read_seq if c in states else 0) for c in conversation_ids]
        counts = await self._messages.unread_counts(viewer, upto)
        return {c: counts.get(c, 0) for c in conversation_ids}

    async def unread_total(self, viewer: str) -> int:
        states = await self._reads.all_for_user(viewer)
        counts = await self._messages.unread_counts(
            viewer, [(s.conversation_id, s.last_read_seq) for s in states]
        )
        return sum(counts.values())

    async def read_receipts(self, conversation_id: str) -> list[ReadState]:
        return await self._reads.for_conversation(conversation_id)
