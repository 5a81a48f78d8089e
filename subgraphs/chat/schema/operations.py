"""Queries, mutations and subscriptions: thin resolvers over the chat and coach services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import strawberry
from strawberry.federation.schema_directives import Authenticated

from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.chat.schema.context import Info, viewer_id
from subgraphs.chat.schema.inputs import (
    AddGroupMembersInput,
    ConfirmCoachProposalInput,
    CreateGroupConversationInput,
    DeclineCoachProposalInput,
    DeleteMessageInput,
    EditMessageInput,
    MarkConversationReadInput,
    RemoveGroupMemberInput,
    SendMessageInput,
    SetTypingInput,
    StartDirectConversationInput,
)
from subgraphs.chat.schema.proposals import CoachProposal
from subgraphs.chat.schema.types import (
    Conversation,
    ConversationUpdate,
    Message,
    ReadReceipt,
    TypingIndicator,
)
from subgraphs.chat.service.live import (
    ConversationStreamSignal,
    MessageSignal,
    ReadSignal,
    TypingSignal,
)


@strawberry.type(description="Chat queries.")
class Query:
    @strawberry.field(description="One of your conversations.")
    async def conversation(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> Conversation:
        doc = await info.context.services.conversations.member_conversation(
            await viewer_id(info), str(id)
        )
        return Conversation.from_doc(doc)

    @strawberry.field(
        description="Search a conversation you are in: messages whose text or voice "
        "transcript holds every word of `query`, newest first (deleted ones never)."
    )
    async def search_messages(
        self,
        info: Info,
        conversation_id: Annotated[strawberry.ID, strawberry.argument(description="The chat.")],
        query: Annotated[
            str,
            strawberry.argument(
                description="Words every message found holds (or starts a word with, from 3 "
                "letters), in its text or its voice transcript."
            ),
        ],
        first: Annotated[int, strawberry.argument(description="Page size, 1-100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="The `endCursor` of the previous page.")
        ] = None,
    ) -> Connection[Message]:
        page = await info.context.services.messages.search(
            await viewer_id(info), str(conversation_id), query, PageRequest(first, after)
        )
        return connection_from_page(page, Message.from_doc)

    @strawberry.field(
        description=(
            "A conversation's history. Without `after`: newest first, paging back with `before`. "
            "With `after` (a message's cursor): what came since, oldest first, to catch up."
        )
    )
    async def messages(
        self,
        info: Info,
        conversation_id: Annotated[strawberry.ID, strawberry.argument(description="The chat.")],
        first: Annotated[int, strawberry.argument(description="Page size, 1-100.")] = 30,
        before: Annotated[
            str | None, strawberry.argument(description="Older than this cursor.")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Newer than this cursor.")
        ] = None,
    ) -> Connection[Message]:
        page = await info.context.services.messages.history(
            await viewer_id(info), str(conversation_id), first=first, before=before, after=after
        )
        return connection_from_page(page, Message.from_doc)


@strawberry.type(description="Chat mutations.")
class Mutation:
    @strawberry.mutation(description="The one direct conversation with a user, created if new.")
    async def start_direct_conversation(
        self, info: Info, input: StartDirectConversationInput
    ) -> Conversation:
        conversations = info.context.services.conversations
        doc = await conversations.start_direct(await viewer_id(info), str(input.user_id))
        return Conversation.from_doc(doc)

    @strawberry.mutation(description="Create a group conversation with you as admin.")
    async def create_group_conversation(
        self, info: Info, input: CreateGroupConversationInput
    ) -> Conversation:
        conversations = info.context.services.conversations
        doc = await conversations.create_group(
            await viewer_id(info), input.title, [str(m) for m in input.member_ids]
        )
        return Conversation.from_doc(doc)

    @strawberry.mutation(description="Add members to a group you administer.")
    async def add_group_members(self, info: Info, input: AddGroupMembersInput) -> Conversation:
        conversations = info.context.services.conversations
        doc = await conversations.add_members(
            await viewer_id(info), str(input.conversation_id), [str(u) for u in input.user_ids]
        )
        return Conversation.from_doc(doc)

    @strawberry.mutation(description="Remove a member (admins) or leave a group (yourself).")
    async def remove_group_member(self, info: Info, input: RemoveGroupMemberInput) -> Conversation:
        conversations = info.context.services.conversations
        doc = await conversations.remove_member(
            await viewer_id(info), str(input.conversation_id), str(input.user_id)
        )
        return Conversation.from_doc(doc)

    @strawberry.mutation(description="Your conversation with the AI coach, created on first use.")
    async def open_coach_conversation(self, info: Info) -> Conversation:
        doc = await info.context.services.conversations.open_coach(await viewer_id(info))
        return Conversation.from_doc(doc)

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Send a message; idempotent per `clientMessageId`.",
    )
    async def send_message(self, info: Info, input: SendMessageInput) -> Message:
        viewer = await info.context.require_viewer()
        doc = await info.context.services.messages.send(
            viewer.user_id,
            str(input.conversation_id),
            input.text,
            attachment=input.attachment.to_value() if input.attachment else None,
            attachment_ids=[str(a) for a in input.attachment_ids],
            client_message_id=input.client_message_id,
            sender_name=viewer.display_name,
        )
        return Message.from_doc(doc)

    @strawberry.mutation(description="Edit the text of your message.")
    async def edit_message(self, info: Info, input: EditMessageInput) -> Message:
        messages = info.context.services.messages
        doc = await messages.edit(await viewer_id(info), str(input.message_id), input.text)
        return Message.from_doc(doc)

    @strawberry.mutation(description="Delete your message, leaving a tombstone in the history.")
    async def delete_message(self, info: Info, input: DeleteMessageInput) -> Message:
        messages = info.context.services.messages
        doc = await messages.delete(await viewer_id(info), str(input.message_id))
        return Message.from_doc(doc)

    @strawberry.mutation(description="Mark messages read, up to one message or all of them.")
    async def mark_conversation_read(
        self, info: Info, input: MarkConversationReadInput
    ) -> Conversation:
        reads = info.context.services.reads
        doc = await reads.mark_read(
            await viewer_id(info),
            str(input.conversation_id),
            str(input.message_id) if input.message_id else None,
        )
        return Conversation.from_doc(doc)

    @strawberry.mutation(description="Tell the other members you are typing (never stored).")
    async def set_typing(self, info: Info, input: SetTypingInput) -> bool:
        viewer = await info.context.require_viewer()
        await info.context.services.streams.typing(
            viewer.user_id,
            str(input.conversation_id),
            input.is_typing,
            viewer_name=viewer.display_name,
        )
        return True

    @strawberry.mutation(
        description=(
            "Confirm what your coach proposed; it is then carried out (a goal is created by the"
            " goals subgraph, and the coach says so once it exists). Only a pending proposal:"
            " else `CONFLICT` with `reason: PROPOSAL_DECIDED`."
        )
    )
    async def confirm_coach_proposal(
        self, info: Info, input: ConfirmCoachProposalInput
    ) -> CoachProposal:
        proposals = info.context.services.proposals
        doc = await proposals.confirm(await viewer_id(info), str(input.proposal_id))
        return CoachProposal.from_doc(doc)

    @strawberry.mutation(
        description=(
            "Decline what your coach proposed; nothing is done. Only a pending proposal: else"
            " `CONFLICT` with `reason: PROPOSAL_DECIDED`."
        )
    )
    async def decline_coach_proposal(
        self, info: Info, input: DeclineCoachProposalInput
    ) -> CoachProposal:
        proposals = info.context.services.proposals
        doc = await proposals.decline(await viewer_id(info), str(input.proposal_id))
        return CoachProposal.from_doc(doc)


def _updated(signal: ConversationStreamSignal) -> Message | None:
    if isinstance(signal, MessageSignal) and signal.change == "updated":
        return Message.from_signal(signal)
    return None


@strawberry.type(description="Chat subscriptions (members only; a removed member's stream ends).")
class Subscription:
    @strawberry.subscription(
        description=(
            "New messages in a conversation. With `after` (the `cursor` of the last message"
            " you have), every message since it first, oldest first, then live ones: no gap,"
            " no duplicate."
        )
    )
    async def message_added(
        self,
        info: Info,
        conversation_id: Annotated[strawberry.ID, strawberry.argument(description="The chat.")],
        after: Annotated[
            str | None,
            strawberry.argument(description="Resume after this message's cursor."),
        ] = None,
    ) -> AsyncIterator[Message]:
        streams = info.context.services.streams
        stream = await streams.watch_messages_added(
            await viewer_id(info), str(conversation_id), after=after
        )
        return stream.select(Message.from_signal)

    @strawberry.subscription(
        description="Edited, deleted and streaming (coach) messages in a conversation."
    )
    async def message_updated(
        self,
        info: Info,
        conversation_id: Annotated[strawberry.ID, strawberry.argument(description="The chat.")],
    ) -> AsyncIterator[Message]:
        streams = info.context.services.streams
        stream = await streams.watch_conversation(await viewer_id(info), str(conversation_id))
        return stream.select(_updated)

    @strawberry.subscription(description="Other members starting and stopping to type.")
    async def typing(
        self,
        info: Info,
        conversation_id: Annotated[strawberry.ID, strawberry.argument(description="The chat.")],
    ) -> AsyncIterator[TypingIndicator]:
        viewer = await viewer_id(info)
        stream = await info.context.services.streams.watch_conversation(
            viewer, str(conversation_id)
        )

        def others_typing(signal: ConversationStreamSignal) -> TypingIndicator | None:
            if isinstance(signal, TypingSignal) and signal.user.user_id != viewer:
                return TypingIndicator.from_signal(signal)
            return None

        return stream.select(others_typing)

    @strawberry.subscription(
        description=(
            "Other members' read positions moving forward: each a member's new read receipt,"
            " as `Conversation.readReceipts` would now show it."
        )
    )
    async def read_receipt_updated(
        self,
        info: Info,
        conversation_id: Annotated[strawberry.ID, strawberry.argument(description="The chat.")],
    ) -> AsyncIterator[ReadReceipt]:
        viewer = await viewer_id(info)
        stream = await info.context.services.streams.watch_conversation(
            viewer, str(conversation_id)
        )

        def others_read(signal: ConversationStreamSignal) -> ReadReceipt | None:
            if isinstance(signal, ReadSignal) and signal.user_id != viewer:
                return ReadReceipt.from_signal(signal)
            return None

        return stream.select(others_read)

    @strawberry.subscription(description="Changes to any of your conversations.")
    async def conversation_updated(self, info: Info) -> AsyncIterator[ConversationUpdate]:
        stream = await info.context.services.streams.watch_own_conversations(await viewer_id(info))
        return stream.select(ConversationUpdate.from_signal)
