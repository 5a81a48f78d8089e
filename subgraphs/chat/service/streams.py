"""Live streams: typing (never stored) and subscriptions to conversations."""

from __future__ import annotations

from subgraphs.chat.live import (
    ConversationSignal,
    ConversationStreamSignal,
    LiveFeed,
    LiveStream,
    conversation_channel,
    conversation_signals,
    user_channel,
    user_signals,
)
from subgraphs.chat.models import utcnow
from subgraphs.chat.service.conversations import ConversationService


class StreamService:
    def __init__(self, *, conversations: ConversationService, feed: LiveFeed) -> None:
        self._conversations = conversations
        self._feed = feed

    async def typing(self, viewer: str, conversation_id: str, is_typing: bool) -> None:
        await self._conversations.member_conversation(viewer, conversation_id)
        await self._feed.typing(conversation_id, viewer, is_typing, utcnow())

    async def watch_conversation(
        self, viewer: str, conversation_id: str
    ) -> LiveStream[ConversationStreamSignal]:
        # Subscribe before the membership check: a removal published in between is not missed.
        stack, subscription = await self._feed.subscribe(conversation_channel(conversation_id))
        try:
            await self._conversations.member_conversation(viewer, conversation_id)
        except BaseException:
            await stack.aclose()
            raise
        return LiveStream(stack, conversation_signals(subscription, viewer))

    async def watch_own_conversations(self, viewer: str) -> LiveStream[ConversationSignal]:
        stack, subscription = await self._feed.subscribe(user_channel(viewer))
        return LiveStream(stack, user_signals(subscription))
