"""Input objects of the chat mutations."""

from __future__ import annotations

import strawberry

from common.graphql.listcaps import list_cap
from subgraphs.chat.domain.validation import MAX_ATTACHMENT_IDS, MAX_GROUP_MEMBERS
from subgraphs.chat.domain.validation import AttachmentInput as AttachmentValue


@strawberry.input(description="Start (or return) the one direct conversation with another user.")
class StartDirectConversationInput:
    user_id: strawberry.ID = strawberry.field(description="The other user.")


@strawberry.input(description="Create a group; you become its admin.")
class CreateGroupConversationInput:
    title: str = strawberry.field(description="The group's title, 1-100 characters.")
    member_ids: list[strawberry.ID] = strawberry.field(
        metadata=list_cap(MAX_GROUP_MEMBERS), description="Who to add besides you."
    )


@strawberry.input(description="Add members to a group (admins only).")
class AddGroupMembersInput:
    conversation_id: strawberry.ID = strawberry.field(description="The group.")
    user_ids: list[strawberry.ID] = strawberry.field(description="Who to add.")


@strawberry.input(description="Remove a member (admins), or leave (your own id).")
class RemoveGroupMemberInput:
    conversation_id: strawberry.ID = strawberry.field(description="The group.")
    user_id: strawberry.ID = strawberry.field(description="Who to remove.")


@strawberry.input(description="A file to attach: only its metadata, the file lives at `url`.")
class AttachmentInput:
    url: str = strawberry.field(description="An http(s) URL.")
    mime_type: str = strawberry.field(description="Its MIME type, e.g. image/png.")
    size_bytes: int = strawberry.field(description="Its size, 1 byte to 25 MiB.")
    name: str | None = strawberry.field(default=None, description="A file name to show.")

    def to_value(self) -> AttachmentValue:
        return AttachmentValue(self.url, self.mime_type, self.size_bytes, self.name)


@strawberry.input(description="Send a message.")
class SendMessageInput:
    conversation_id: strawberry.ID = strawberry.field(description="Where to send it.")
    text: str = strawberry.field(
        default="", description="Up to 4000 characters; may be empty with an attachment."
    )
    attachment: AttachmentInput | None = strawberry.field(
        default=None, description="An optional attached file."
    )
    attachment_ids: list[strawberry.ID] = strawberry.field(
        metadata=list_cap(MAX_ATTACHMENT_IDS),
        default_factory=list,
        description="Up to 10 completed CHAT_ATTACHMENT or VOICE_MESSAGE uploads of yours "
        "(completeUpload ids), each on no other message; only the conversation's members "
        "can read them.",
    )
    client_message_id: str | None = strawberry.field(
        default=None,
        description="Your id for this send: a retry with it returns the first message, not a copy.",
    )


@strawberry.input(description="Change the text of your message.")
class EditMessageInput:
    message_id: strawberry.ID = strawberry.field(description="Your message.")
    text: str = strawberry.field(description="The new text.")


@strawberry.input(description="Delete your message (its text and attachment are erased).")
class DeleteMessageInput:
    message_id: strawberry.ID = strawberry.field(description="Your message.")


@strawberry.input(description="Move your read position forward.")
class MarkConversationReadInput:
    conversation_id: strawberry.ID = strawberry.field(description="The conversation.")
    message_id: strawberry.ID | None = strawberry.field(
        default=None, description="The newest message you have read; omit for all of them."
    )


@strawberry.input(description="Tell the other members you are (or stopped) typing.")
class SetTypingInput:
    conversation_id: strawberry.ID = strawberry.field(description="The conversation.")
    is_typing: bool = strawberry.field(default=True, description="False when you stopped.")


@strawberry.input(description="Confirm what the coach proposed: it is then carried out.")
class ConfirmCoachProposalInput:
    proposal_id: strawberry.ID = strawberry.field(description="The proposal (`Message.proposal`).")


@strawberry.input(description="Decline what the coach proposed: nothing is done.")
class DeclineCoachProposalInput:
    proposal_id: strawberry.ID = strawberry.field(description="The proposal (`Message.proposal`).")
