"""Mutation inputs: one input object per mutation."""

from __future__ import annotations

import strawberry

from common.graphql.listcaps import list_cap
from subgraphs.community.domain.text import MAX_MEDIA_URLS
from subgraphs.community.schema.types import Category, ModerationActionKind, TargetType


@strawberry.input(description="A new post.")
class CreatePostInput:
    text: str = strawberry.field(description="1-5000 characters of plain text.")
    category: Category = strawberry.field(description="The life area, or GENERAL.")
    media_urls: list[str] = strawberry.field(
        metadata=list_cap(MAX_MEDIA_URLS),
        default_factory=list,
        description="Up to 4 http(s) URLs of images or videos.",
    )
    media_ids: list[strawberry.ID] = strawberry.field(
        metadata=list_cap(MAX_MEDIA_URLS),
        default_factory=list,
        description="Up to 4 completed POST_MEDIA uploads of the author's (completeUpload ids), "
        "each on no other post.",
    )
    goal_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="One of the author's own goals this post is about (another user's goal "
        "is refused).",
    )


@strawberry.input(description="Changes to one's own post; omitted fields stay as they are.")
class EditPostInput:
    post_id: strawberry.ID = strawberry.field(description="The post to change.")
    text: str | None = strawberry.field(default=None, description="New text.")
    category: Category | None = strawberry.field(default=None, description="New category.")
    media_urls: list[str] | None = strawberry.field(
        metadata=list_cap(MAX_MEDIA_URLS),
        default=None,
        description="New media URLs (replaces the old list).",
    )


@strawberry.input(description="Names one post.")
class PostInput:
    post_id: strawberry.ID = strawberry.field(description="The post's id.")


@strawberry.input(description="A new comment, or a reply when `parentId` is given.")
class AddCommentInput:
    post_id: strawberry.ID = strawberry.field(description="The post to comment on.")
    text: str = strawberry.field(description="1-2000 characters of plain text.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The comment to reply to; a reply to a reply joins the top-level thread.",
    )


@strawberry.input(description="New text for one's own comment.")
class EditCommentInput:
    comment_id: strawberry.ID = strawberry.field(description="The comment to change.")
    text: str = strawberry.field(description="1-2000 characters of plain text.")


@strawberry.input(description="Names one comment.")
class CommentInput:
    comment_id: strawberry.ID = strawberry.field(description="The comment's id.")


@strawberry.input(description="Names one user.")
class UserInput:
    user_id: strawberry.ID = strawberry.field(description="The user's id.")


@strawberry.input(description="A report of a post or comment to the moderators.")
class ReportInput:
    target_type: TargetType = strawberry.field(description="Whether a post or a comment.")
    target_id: strawberry.ID = strawberry.field(description="The post's or comment's id.")
    reason: str = strawberry.field(description="Why it should be reviewed (1-500 characters).")


@strawberry.input(description="A moderator's action on a post or comment.")
class ModerateInput:
    action: ModerationActionKind = strawberry.field(description="What to do.")
    target_type: TargetType = strawberry.field(description="Whether a post or a comment.")
    target_id: strawberry.ID = strawberry.field(description="The post's or comment's id.")
    reason: str = strawberry.field(description="Why, for the audit log (1-500 characters).")


@strawberry.type(description="The id of what a mutation removed.")
class Removed:
    id: strawberry.ID = strawberry.field(description="The removed item's id.")
