"""Where messages enter a conversation: each takes its position in the transaction inserting it.

The position (`seq`) comes from the conversation's counter, incremented in the
same transaction as the insert and whatever must not be lost with the message
(the sender's read position, `chat.message.sent`, a coach reply owed), so a
message is visible only once every lower position is, and positions are never
wasted by a failed write.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from beanie import PydanticObjectId
from pymongo.asynchronous.client_session import AsyncClientSession

from common.errors import Forbidden, NotFound
from common.events import OutboxPublisher, OutboxTransaction
from common.locks import KeyedLocks
from subgraphs.chat.models import Message, MessageAuthor, ProfileCard, utcnow
from subgraphs.chat.repository import ConversationRepository, MessageRepository
from subgraphs.chat.service.live import LiveFeed
from subgraphs.chat.service.profiles import ProfileService

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Appended:
    message: Message
    # False when a message with the same client id was already there (a retry).
    created: bool
    # The conversation's members when the message took its position.
    members: list[str]


class Appender:
    def __init__(
        self,
        *,
        conversations: ConversationRepository,
        messages: MessageRepository,
        profiles: ProfileService,
        feed: LiveFeed,
        publisher: OutboxPublisher,
    ) -> None:
        self._conversations = conversations
        self._messages = messages
        self._profiles = profiles
        self._feed = feed
        self._publisher = publisher
        # One writer per conversation in this process: appends wait instead of conflicting.
        self._lanes = KeyedLocks()

    async def appending(
        self, conversation_id: str, work: Callable[[OutboxTransaction], Awaitable[T]]
    ) -> T:
        """Run `work` in a transaction, one per conversation at a time in this process.

        Appends from other replicas conflict on the conversation's counter; the
        kit re-runs the loser with a short, capped back-off.
        """
        async with self._lanes.hold(conversation_id):
            return await self._publisher.run_in_transaction(work)

    async def append(
        self, draft: Message, *, member: str | None, session: AsyncClientSession
    ) -> Appended:
        """Insert `draft` at the conversation's next position, or find the retry's original."""
        if draft.client_message_id is not None:
            existing = await self._messages.by_client_id(
                draft.conversation_id, draft.sender_id, draft.client_message_id, session=session
            )
            if existing is not None:
                return Appended(existing, created=False, members=[])
        draft.id = PydanticObjectId()
        taken = await self._conversations.take_seq(
            draft.conversation_id,
            message_id=str(draft.id),
            at=draft.created_at,
            member=member,
            session=session,
        )
        if taken is None:
            if member is not None:
                raise Forbidden("Only members can post in this conversation.")
            raise NotFound("Conversation not found.")
        draft.seq, members = taken
        await self._messages.insert(draft, session=session)
        return Appended(draft, created=True, members=members)

    async def post(self, draft: Message) -> Appended:
        """Append a message nobody else must commit with (the coach's), announced once committed."""

        async def work(tx: OutboxTransaction) -> Appended:
            return await self.append(draft.model_copy(), member=None, session=tx.session)

        appended = await self.appending(draft.conversation_id, work)
        if appended.created:
            await self.announce_added(appended.message, appended.members)
        return appended

    async def announce_added(
        self, message: Message, members: list[str], *, sender_name: str | None = None
    ) -> None:
        """Tell live clients, with the sender's card read once for all of them.

        `sender_name` (from the sender's token) introduces a sender chat has no
        card for yet.
        """
        sender = await self._sender_card(message, sender_name)
        await self._feed.message("added", message, sender)
        await self._feed.conversation_changed(message.conversation_id, members, "message")

    async def announce_updated(self, message: Message) -> None:
        await self._feed.message("updated", message, await self._sender_card(message, None))

    async def _sender_card(self, message: Message, name: str | None) -> ProfileCard | None:
        if message.sender_id is None:
            return None
        return await self._profiles.card(message.sender_id, introduce_as=name)


def coach_draft(
    conversation_id: str,
    text: str,
    *,
    reply_to: str | None = None,
    streaming: bool = False,
    client_message_id: str | None = None,
) -> Message:
    return Message(
        conversation_id=conversation_id,
        seq=0,
        author=MessageAuthor.COACH,
        sender_id=None,
        text=text,
        client_message_id=client_message_id,
        reply_to=reply_to,
        streaming=streaming,
        created_at=utcnow(),
    )
