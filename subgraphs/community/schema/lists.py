"""Node types of the viewer's own lists and of moderation."""

from __future__ import annotations

from datetime import datetime

import strawberry

from common.errors import NotFound
from subgraphs.community import models
from subgraphs.community.schema.context import Info, viewer_of
from subgraphs.community.schema.types import (
    CaseStatus,
    Comment,
    ModerationActionKind,
    Post,
    TargetType,
    User,
)


@strawberry.type(description="A bookmarked post.")
class SavedPost:
    saved_at: datetime = strawberry.field(description="When the viewer saved it.")
    post_id: strawberry.Private[str]

    @strawberry.field(description="The post; null once the viewer may no longer see it.")
    async def post(self, info: Info) -> Post | None:
        return await Post.resolve_reference(info, strawberry.ID(self.post_id))


@strawberry.type(description="A user the viewer has blocked.")
class BlockedUser:
    user: User = strawberry.field(description="The blocked user.")
    since: datetime = strawberry.field(description="When the block started.")


@strawberry.type(description="A public profile matching a search.")
class ProfileMatch:
    user: User = strawberry.field(description="The matching user.")
    display_name: str = strawberry.field(
        description="The name that matched, as last synced from the users subgraph."
    )


@strawberry.type(
    description="One entry of the moderation queue: a reported or held post or comment."
)
class ModerationCase:
    id: strawberry.ID = strawberry.field(description="The case's id.")
    target_type: TargetType = strawberry.field(description="Whether a post or a comment.")
    target_id: strawberry.ID = strawberry.field(description="The post's or comment's id.")
    status: CaseStatus = strawberry.field(description="Open until a moderator acts.")
    held: bool = strawberry.field(description="Whether the word filter is holding it back.")
    report_count: int = strawberry.field(description="How many users reported it.")
    reasons: list[str] = strawberry.field(description="The latest reasons given (up to 20).")
    opened_at: datetime = strawberry.field(description="When the case was first opened.")
    target_author_id: strawberry.Private[str]

    @classmethod
    def from_doc(cls, doc: models.ModerationCase) -> ModerationCase:
        return cls(
            id=strawberry.ID(str(doc.id)),
            target_type=doc.target_type,
            target_id=strawberry.ID(doc.target_id),
            status=doc.status,
            held=doc.held,
            report_count=doc.report_count,
            reasons=doc.reasons,
            opened_at=doc.opened_at,
            target_author_id=doc.target_author_id,
        )

    @strawberry.field(description="Who wrote the content.")
    def target_author(self) -> User:
        return User(id=strawberry.ID(self.target_author_id))

    @strawberry.field(description="The reported post, when the target is a post.")
    async def post(self, info: Info) -> Post | None:
        if self.target_type is not models.TargetType.POST:
            return None
        return await Post.resolve_reference(info, self.target_id)

    @strawberry.field(description="The reported comment, when the target is a comment.")
    async def comment(self, info: Info) -> Comment | None:
        if self.target_type is not models.TargetType.COMMENT:
            return None
        viewer = await viewer_of(info)
        try:
            doc = await info.context.services.comments.visible(viewer, str(self.target_id))
        except NotFound:
            return None
        return Comment.from_doc(doc)


@strawberry.type(description="An audit-log entry: who did what to which content, when and why.")
class ModerationAction:
    id: strawberry.ID = strawberry.field(description="The entry's id.")
    action: ModerationActionKind = strawberry.field(description="What was done.")
    target_type: TargetType = strawberry.field(description="Whether a post or a comment.")
    target_id: strawberry.ID = strawberry.field(description="The post's or comment's id.")
    reason: str = strawberry.field(description="Why, in the moderator's words.")
    created_at: datetime = strawberry.field(description="When it was done.")
    moderator_id: strawberry.Private[str]
    target_author_id: strawberry.Private[str]

    @classmethod
    def from_doc(cls, doc: models.ModerationAction) -> ModerationAction:
        return cls(
            id=strawberry.ID(str(doc.id)),
            action=doc.action,
            target_type=doc.target_type,
            target_id=strawberry.ID(doc.target_id),
            reason=doc.reason,
            created_at=doc.created_at,
            moderator_id=doc.moderator_id,
            target_author_id=doc.target_author_id,
        )

    @strawberry.field(description="The moderator who acted.")
    def moderator(self) -> User:
        return User(id=strawberry.ID(self.moderator_id))

    @strawberry.field(description="The author of the content acted on.")
    def target_author(self) -> User:
        return User(id=strawberry.ID(self.target_author_id))
