"""Live streams: typing (never stored) and subscriptions to conversations."""

from __future__ import annotations

from collections.abc import AsyncIterator

from subgraphs.chat.domain import cursors
from subgraphs.chat.models import utcnow
from subgraphs.chat.repository import MessageRepository
from subgraphs.chat.service.conversations import ConversationService
from subgraphs.chat.service.live import (
    ConversationSignal,
    ConversationStreamSignal,
    LiveFeed,
    LiveStream,
    MessageSignal,
    conversation_channel,
    conversation_signals,
    user_channel,
    user_signals,
)
from subgraphs.chat.service.profiles import ProfileService

# Messages read from the store per query while replaying a resumed stream.
REPLAY_PAGE = 100


class StreamService:
    def __init__(
        self,
        *,
        conversations: ConversationService,
        feed: LiveFeed,
        profiles: ProfileService,
        messages: MessageRepository,
    ) -> None:
        self._conversations = conversations
        self._feed = feed
        self._profiles = profiles
        self._messages = messages

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

    async def watch_messages_added(
        self, viewer: str, conversation_id: str, *, after: str | None
    ) -> LiveStream[MessageSignal]:
        """New messages; with `after` (a message's cursor), first every message since it."""
        since = cursors.decode(after, field="after") if after is not None else None
        stream = await self.watch_conversation(viewer, conversation_id)
        added = stream.select(_added)
        if since is None:
            return added
        return added.resumed(
            self._since(conversation_id, since), position=lambda s: s.message.seq, after=since
        )

    async def _since(self, conversation_id: str, seq: int) -> AsyncIterator[MessageSignal]:
        """Every message after `seq`, oldest first, a page at a time, lazily."""
        while True:
            # Each page at one point in time: nothing below its newest message is missing.
            async with self._messages.snapshot() as session:
                page = await self._messages.history(
                    conversation_id,
                    first=REPLAY_PAGE,
                    beyond=seq,
                    newest_first=False,
                    session=session,
                )
            for message in page.items:
                yield MessageSignal("added", message, None, announced=False)
            if not page.has_next_page:
                return
            seq = page.items[-1].seq

    async def watch_own_conversations(self, viewer: str) -> LiveStream[ConversationSignal]:
        stack, subscription = await self._feed.subscribe(user_channel(viewer))
        return LiveStream(stack, user_signals(subscription))


def _added(signal: ConversationStreamSignal) -> MessageSignal | None:
    if isinstance(signal, MessageSignal) and signal.change == "added":
        return signal
    return None
