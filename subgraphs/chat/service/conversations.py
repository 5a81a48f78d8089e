"""Conversations: direct, group and coach; who is in them and who may see them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.errors import BadUserInput, Forbidden, NotFound
from common.events import AfterCommit, Event, OutboxPublisher, OutboxTransaction
from common.events.catalog import ConversationMembers
from common.known_users import require_known
from common.repository import Page, PageRequest
from subgraphs.chat.domain import validation
from subgraphs.chat.models import Conversation, ConversationKind
from subgraphs.chat.repository import (
    ConversationRepository,
    ProfileRepository,
    ReadStateRepository,
)
from subgraphs.chat.service.live import LiveFeed


def direct_key(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"direct:{first}:{second}"


def coach_key(user_id: str) -> str:
    return f"coach:{user_id}"


def members_changed(conversation: Conversation) -> Event:
    conversation_id = str(conversation.id)
    return Event.of(
        "chat.conversation.members_changed",
        user_id=conversation.created_by,
        data=ConversationMembers(
            conversation_id=conversation_id, member_ids=conversation.member_ids
        ),
    )


class ConversationService:
    def __init__(
        self,
        *,
        conversations: ConversationRepository,
        reads: ReadStateRepository,
        profiles: ProfileRepository,
        feed: LiveFeed,
        publisher: OutboxPublisher,
    ) -> None:
        self._conversations = conversations
        self._reads = reads
        self._profiles = profiles
        self._feed = feed
        self._publisher = publisher

    # Creating

    async def start_direct(self, viewer: str, other: str) -> Conversation:
        other = validation.user_id(other)
        if other == viewer:
            raise BadUserInput("A direct conversation needs another user.", field="userId")
        await self._require_known([other], field="userId")
        return await self._create_unique(
            Conversation(
                kind=ConversationKind.DIRECT,
                unique_key=direct_key(viewer, other),
                member_ids=sorted((viewer, other)),
                created_by=viewer,
            )
        )

    async def open_coach(self, viewer: str) -> Conversation:
        existing = await self._conversations.get_by_key(coach_key(viewer))
        if existing is not None:
            return existing
        return await self._create_unique(
            Conversation(
                kind=ConversationKind.COACH,
                unique_key=coach_key(viewer),
                title="Coach",
                member_ids=[viewer],
                created_by=viewer,
            )
        )

    async def create_group(
        self, viewer: str, title: str, member_ids: Sequence[str]
    ) -> Conversation:
        others = [m for m in validation.user_ids(member_ids, field="memberIds") if m != viewer]
        if not others:
            raise BadUserInput("A group needs at least one other member.", field="memberIds")
        if len(others) + 1 > validation.MAX_GROUP_MEMBERS:
            raise BadUserInput("That group is too large.", field="memberIds")
        await self._require_known(others, field="memberIds")
        return await self._create_unique(
            Conversation(
                kind=ConversationKind.GROUP,
                unique_key=f"group:{uuid.uuid4().hex}",
                title=validation.title(title),
                member_ids=[viewer, *others],
                admin_ids=[viewer],
                created_by=viewer,
            )
        )

    async def _require_known(self, user_ids: list[str], *, field: str) -> None:
        # Other members only: the caller's verified token already proves their account.
        require_known(user_ids, await self._profiles.existing(user_ids), field=field)

    async def _create_unique(self, candidate: Conversation) -> Conversation:
        """The conversation and its members' read state at once, or the winner of a race."""

        async def work(tx: OutboxTransaction) -> Conversation:
            created: Conversation = candidate.model_copy()
            await self._conversations.insert(created, session=tx.session)
            await self._reads.ensure(str(created.id), created.member_ids, session=tx.session)
            return created

        try:
            conversation = await self._publisher.run_in_transaction(work)
        except DuplicateKeyError:
            existing = await self._conversations.get_by_key(candidate.unique_key)
            if existing is None:
                raise
            return existing
        await self._feed.conversation_changed(
            str(conversation.id), conversation.member_ids, "created"
        )
        return conversation

    # Membership

    async def add_members(
        self, viewer: str, conversation_id: str, user_ids: Sequence[str]
    ) -> Conversation:
        conversation = await self._group_admin(viewer, conversation_id)
        new = [u for u in validation.user_ids(user_ids) if u not in conversation.member_ids]
        if len(conversation.member_ids) + len(new) > validation.MAX_GROUP_MEMBERS:
            raise BadUserInput("That group would be too large.", field="userIds")
        await self._require_known(new, field="userIds")
        if new:

            async def work(tx: OutboxTransaction) -> None:
                await self._conversations.add_members(conversation_id, new, session=tx.session)
                await self._reads.ensure(conversation_id, new, session=tx.session)
                current = await self._conversations.get_in(conversation_id, session=tx.session)
                if current is not None:
                    await tx.publish(members_changed(current))

            await self._publisher.run_in_transaction(work)
        refreshed = await self._reload(conversation_id)
        await self._feed.conversation_changed(conversation_id, refreshed.member_ids, "members")
        return refreshed

    async def remove_member(self, viewer: str, conversation_id: str, user_id: str) -> Conversation:
        """Admins remove anyone; any member may remove themselves (leave)."""
        conversation = await self.member_conversation(viewer, conversation_id)
        if conversation.kind is not ConversationKind.GROUP:
            raise BadUserInput("Only group conversations have members to remove.")
        if user_id != viewer and viewer not in conversation.admin_ids:
            raise Forbidden("Only a group admin can remove members.")
        if user_id not in conversation.member_ids:
            raise NotFound("That user is not a member of this conversation.")

        async def work(tx: OutboxTransaction) -> AfterCommit:
            # Decide on the transaction's own view: a concurrent change conflicts and re-runs this.
            current = await self._conversations.get_in(conversation_id, session=tx.session)
            if current is None or user_id not in current.member_ids:
                raise NotFound("That user is not a member of this conversation.")
            announce = await self.drop_member(current, user_id, session=tx.session)
            current.member_ids = [m for m in current.member_ids if m != user_id]
            # Media stops signing this conversation's attachments for the member who left.
            await tx.publish(members_changed(current))
            return announce

        announce = await self._publisher.run_in_transaction(work)
        await announce()
        return await self._reload(conversation_id)

    async def drop_member(
        self, conversation: Conversation, user_id: str, *, session: AsyncClientSession
    ) -> AfterCommit:
        """A member leaving, written in the caller's transaction; announce after it commits."""
        conversation_id = str(conversation.id)
        await self._conversations.remove_member(conversation_id, user_id, session=session)
        await self._reads.delete_for(
            user_id=user_id, conversation_id=conversation_id, session=session
        )
        remaining = [m for m in conversation.member_ids if m != user_id]
        admins = [a for a in conversation.admin_ids if a != user_id]
        if conversation.kind is ConversationKind.GROUP and remaining and not admins:
            # A group never ends up without an admin: the longest-standing member takes over.
            await self._conversations.add_admin(conversation_id, remaining[0], session=session)

        async def announce() -> None:
            await self._feed.members_removed(conversation_id, [user_id])
            await self._feed.conversation_changed(conversation_id, [user_id], "removed")
            await self._feed.conversation_changed(conversation_id, remaining, "members")

        return announce

    # Reading

    async def member_conversation(self, viewer: str, conversation_id: str) -> Conversation:
        conversation = await self._conversations.get(conversation_id)
        if conversation is None:
            raise NotFound("Conversation not found.")
        if viewer not in conversation.member_ids:
            raise Forbidden("Only members can see this conversation.")
        return conversation

    async def visible_conversations(self, viewer: str, ids: list[str]) -> dict[str, Conversation]:
        found = await self._conversations.get_many(ids)
        return {k: c for k, c in found.items() if viewer in c.member_ids}

    async def conversations_of(self, viewer: str, request: PageRequest) -> Page[Conversation]:
        return await self._conversations.page_for_member(viewer, request)

    async def _group_admin(self, viewer: str, conversation_id: str) -> Conversation:
        conversation = await self.member_conversation(viewer, conversation_id)
        if conversation.kind is not ConversationKind.GROUP:
            raise BadUserInput("Only group conversations have members to manage.")
        if viewer not in conversation.admin_ids:
            raise Forbidden("Only a group admin can do that.")
        return conversation

    async def _reload(self, conversation_id: str) -> Conversation:
        conversation = await self._conversations.get(conversation_id)
        if conversation is None:
            raise NotFound("Conversation not found.")
        return conversation
