"""Live streams: typing (never stored) and subscriptions to conversations."""

from __future__ import annotations

from subgraphs.chat.models import utcnow
from subgraphs.chat.service.conversations import ConversationService
from subgraphs.chat.service.live import (
    ConversationSignal,
    ConversationStreamSignal,
    LiveFeed,
    LiveStream,
    conversation_channel,
    conversation_signals,
    user_channel,
    user_signals,
)
from subgraphs.chat.service.profiles import ProfileService


class StreamService:
    def __init__(
        self, *, conversations: ConversationService, feed: LiveFeed, profiles: ProfileService
    ) -> None:
        self._conversations = conversations
        self._feed = feed
        self._profiles = profiles

    async def typing(
        self, viewer: str, conversation_id: str, is_typing: bool, *, viewer_name: str | None
    ) -> None:
        """Tell the other members, with the typer's card (`viewer_name` from their token
        introduces them). Typing is best effort: without a card there is nothing to show."""
        await self._conversations.member_conversation(viewer, conversation_id)
        card = await self._profiles.card(viewer, introduce_as=viewer_name)
        if card is not None:
            await self._feed.typing(conversation_id, card, is_typing, utcnow())

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
