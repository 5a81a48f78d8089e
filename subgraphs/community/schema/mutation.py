"""Community mutations: thin wrappers over the services, one input object each."""

from __future__ import annotations

import strawberry

from subgraphs.community.models import TargetType
from subgraphs.community.schema.context import Info, viewer_of
from subgraphs.community.schema.inputs import (
    AddCommentInput,
    CommentInput,
    CreatePostInput,
    EditCommentInput,
    EditPostInput,
    ModerateInput,
    PostInput,
    Removed,
    ReportInput,
    UserInput,
)
from subgraphs.community.schema.lists import ModerationAction, ModerationCase
from subgraphs.community.schema.types import Comment, Post, User
from subgraphs.community.service.posts import PostChanges, PostDraft


@strawberry.type(description="Community mutations.")
class Mutation:
    @strawberry.mutation(description="Write a post.")
    async def create_post(self, info: Info, input: CreatePostInput) -> Post:
        viewer = await viewer_of(info, required=True)
        draft = PostDraft(
            text=input.text,
            category=input.category,
            media_urls=tuple(input.media_urls),
            media_ids=tuple(str(m) for m in input.media_ids),
            goal_id=str(input.goal_id) if input.goal_id is not None else None,
        )
        return Post.from_doc(await info.context.services.posts.create(viewer, draft))

    @strawberry.mutation(description="Edit one's own post.")
    async def edit_post(self, info: Info, input: EditPostInput) -> Post:
        viewer = await viewer_of(info, required=True)
        changes = PostChanges(
            text=input.text,
            category=input.category,
            media_urls=tuple(input.media_urls) if input.media_urls is not None else None,
        )
        post = await info.context.services.posts.edit(viewer, str(input.post_id), changes)
        return Post.from_doc(post)

    @strawberry.mutation(description="Delete one's own post with its comments, likes and saves.")
    async def delete_post(self, info: Info, input: PostInput) -> Removed:
        viewer = await viewer_of(info, required=True)
        await info.context.services.posts.delete(viewer, str(input.post_id))
        return Removed(id=input.post_id)

    @strawberry.mutation(description="Like a post; liking twice is the same as once.")
    async def like_post(self, info: Info, input: PostInput) -> Post:
        viewer = await viewer_of(info, required=True)
        return Post.from_doc(await info.context.services.reactions.like(viewer, str(input.post_id)))

    @strawberry.mutation(description="Take back a like; harmless when there was none.")
    async def unlike_post(self, info: Info, input: PostInput) -> Post:
        viewer = await viewer_of(info, required=True)
        post = await info.context.services.reactions.unlike(viewer, str(input.post_id))
        return Post.from_doc(post)

    @strawberry.mutation(description="Bookmark a post.")
    async def save_post(self, info: Info, input: PostInput) -> Post:
        viewer = await viewer_of(info, required=True)
        return Post.from_doc(await info.context.services.reactions.save(viewer, str(input.post_id)))

    @strawberry.mutation(description="Remove a bookmark.")
    async def unsave_post(self, info: Info, input: PostInput) -> Removed:
        viewer = await viewer_of(info, required=True)
        await info.context.services.reactions.unsave(viewer, str(input.post_id))
        return Removed(id=input.post_id)

    @strawberry.mutation(description="Comment on a post, or reply to a comment.")
    async def add_comment(self, info: Info, input: AddCommentInput) -> Comment:
        viewer = await viewer_of(info, required=True)
        comment = await info.context.services.comments.add(
            viewer,
            str(input.post_id),
            input.text,
            parent_id=str(input.parent_id) if input.parent_id else None,
        )
        return Comment.from_doc(comment)

    @strawberry.mutation(description="Edit one's own comment.")
    async def edit_comment(self, info: Info, input: EditCommentInput) -> Comment:
        viewer = await viewer_of(info, required=True)
        comment = await info.context.services.comments.edit(
            viewer, str(input.comment_id), input.text
        )
        return Comment.from_doc(comment)

    @strawberry.mutation(
        description="Delete one's own comment (a top-level one takes its replies)."
    )
    async def delete_comment(self, info: Info, input: CommentInput) -> Removed:
        viewer = await viewer_of(info, required=True)
        await info.context.services.comments.delete(viewer, str(input.comment_id))
        return Removed(id=input.comment_id)

    @strawberry.mutation(description="Follow a user; returns them.")
    async def follow_user(self, info: Info, input: UserInput) -> User:
        viewer = await viewer_of(info, required=True)
        await info.context.services.social.follow(viewer, str(input.user_id))
        return User(id=input.user_id)

    @strawberry.mutation(description="Stop following a user; returns them.")
    async def unfollow_user(self, info: Info, input: UserInput) -> User:
        viewer = await viewer_of(info, required=True)
        await info.context.services.social.unfollow(viewer, str(input.user_id))
        return User(id=input.user_id)

    @strawberry.mutation(
        description="Block a user: each stops seeing the other's content, follows both ways end."
    )
    async def block_user(self, info: Info, input: UserInput) -> User:
        viewer = await viewer_of(info, required=True)
        await info.context.services.social.block(viewer, str(input.user_id))
        return User(id=input.user_id)

    @strawberry.mutation(description="Lift a block (follows are not restored).")
    async def unblock_user(self, info: Info, input: UserInput) -> User:
        viewer = await viewer_of(info, required=True)
        await info.context.services.social.unblock(viewer, str(input.user_id))
        return User(id=input.user_id)

    @strawberry.mutation(description="Report a post or comment to the moderators.")
    async def report_content(self, info: Info, input: ReportInput) -> ModerationCase:
        viewer = await viewer_of(info, required=True)
        case = await info.context.services.moderation.report(
            viewer, TargetType(input.target_type), str(input.target_id), input.reason
        )
        return ModerationCase.from_doc(case)

    @strawberry.mutation(
        description="Hide, remove, restore or warn about content. Moderators only."
    )
    async def moderate(self, info: Info, input: ModerateInput) -> ModerationAction:
        viewer = await viewer_of(info, required=True)
        entry = await info.context.services.moderation.act(
            viewer, input.action, input.target_type, str(input.target_id), input.reason
        )
        return ModerationAction.from_doc(entry)
