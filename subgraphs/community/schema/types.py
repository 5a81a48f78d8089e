"""The community's GraphQL types: Post and Comment, plus the fields it adds to User and Goal."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from common.graphql.loaders import batch_loader
from common.graphql.media import Media
from common.graphql.pagination import Connection, connection_from_page
from subgraphs.community import models
from subgraphs.community.schema.context import (
    Info,
    goal_loader,
    membership_loader,
    page_request,
    post_loader,
    profile_loader,
    viewer_of,
)
from subgraphs.community.service.social import SocialService

strawberry.enum(
    models.Category,
    name="PostCategory",
    description="What a post is about: one of the six life areas, or general.",
)
strawberry.enum(
    models.ContentStatus,
    description="Moderation state: only PUBLISHED content appears in feeds and search.",
)
strawberry.enum(
    models.TargetType, name="ModerationTarget", description="Kinds of content that can be reported."
)
strawberry.enum(
    models.CaseStatus, name="ModerationCaseStatus", description="Whether a moderation case is open."
)
strawberry.enum(
    models.ModerationActionKind,
    name="ModerationActionKind",
    description="What a moderator did to a piece of content.",
)

# strawberry.enum registers the domain enums in place, so the same classes serve both layers.
Category = models.Category
ContentStatus = models.ContentStatus
TargetType = models.TargetType
CaseStatus = models.CaseStatus
ModerationActionKind = models.ModerationActionKind

First = Annotated[int, strawberry.argument(description="How many items to return (1-100).")]
After = Annotated[
    str | None, strawberry.argument(description="The `endCursor` of the previous page.")
]


@strawberry.federation.type(
    keys=["id"], description="A LifeGraph user; the community subgraph adds their social side."
)
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return cls(id=id)

    @strawberry.field(description="Posts by this user that the viewer may see, newest first.")
    async def posts(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
    ) -> Connection[Post]:
        viewer = await viewer_of(info)
        page = await info.context.services.posts.by_author(
            viewer, str(self.id), page_request(first, after)
        )
        return connection_from_page(page, Post.from_doc)

    @strawberry.field(description="Who follows this user, most recent first.")
    async def followers(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[FollowLink]:
        viewer = await viewer_of(info)
        page = await info.context.services.social.followers(
            viewer, str(self.id), page_request(first, after)
        )
        return connection_from_page(page, lambda f: FollowLink.of(f.follower_id, f.created_at))

    @strawberry.field(description="Whom this user follows, most recent first.")
    async def following(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[FollowLink]:
        viewer = await viewer_of(info)
        page = await info.context.services.social.following(
            viewer, str(self.id), page_request(first, after)
        )
        return connection_from_page(page, lambda f: FollowLink.of(f.followee_id, f.created_at))

    @strawberry.field(
        description="How many users follow this user; null when the viewer may not see "
        "this user's profile (a private profile, or a followers-only one to non-followers)."
    )
    async def follower_count(self, info: Info) -> int | None:
        counts = await _follow_counts(info, str(self.id))
        return counts[0] if counts else None

    @strawberry.field(
        description="How many users this user follows; null when the viewer may not see "
        "this user's profile (as `followerCount`)."
    )
    async def following_count(self, info: Info) -> int | None:
        counts = await _follow_counts(info, str(self.id))
        return counts[1] if counts else None

    @strawberry.field(description="Whether the signed-in viewer follows this user.")
    async def viewer_follows(self, info: Info) -> bool:
        loader = membership_loader(info, "followed", info.context.services.social.followed_among)
        return bool(await loader.load(str(self.id)))


async def _follow_counts(info: Info, user_id: str) -> tuple[int, int] | None:
    """(followers, following) of the user, or None when hidden from this viewer."""
    profile = await profile_loader(info).load(user_id)
    viewer, principal = await viewer_of(info), await info.context.viewer()
    if not SocialService.shows_counts(viewer, principal, user_id, profile):
        return None
    if profile is None:
        return 0, 0
    return max(profile.follower_count, 0), max(profile.following_count, 0)


@strawberry.type(description="One side of a follow: the other user and since when.")
class FollowLink:
    user: User = strawberry.field(description="The user on the other side of the follow.")
    since: datetime = strawberry.field(description="When the follow started.")

    @classmethod
    def of(cls, user_id: str, since: datetime) -> FollowLink:
        return cls(user=User(id=strawberry.ID(user_id)), since=since)


@strawberry.federation.type(
    keys=["id"], description="A goal (owned by the goals subgraph); here, the posts about it."
)
class Goal:
    id: strawberry.ID = strawberry.field(description="The goal's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Goal:
        return cls(id=id)

    @strawberry.field(
        description="Posts its owner linked to this goal, if the viewer may see the goal "
        "and the posts; newest first."
    )
    async def posts(self, info: Info, first: First = 20, after: After = None) -> Connection[Post]:
        viewer = await viewer_of(info)
        page = await info.context.services.goals.posts(
            viewer, str(self.id), page_request(first, after)
        )
        return connection_from_page(page, Post.from_doc)


@strawberry.federation.type(keys=["id"], description="A post in the community.")
class Post:
    id: strawberry.ID = strawberry.field(description="The post's id.")
    text: str = strawberry.field(description="The post's plain text (clients may render markdown).")
    category: Category = strawberry.field(description="The life area the post is about.")
    media_urls: list[str] = strawberry.field(description="Attached images or videos (http/https).")
    status: ContentStatus = strawberry.field(description="Moderation state of the post.")
    like_count: int = strawberry.field(description="How many users like the post.")
    comment_count: int = strawberry.field(
        description="How many comments and replies readers see: published ones in published "
        "threads."
    )
    created_at: datetime = strawberry.field(description="When the post was written.")
    edited_at: datetime | None = strawberry.field(description="When it was last edited.")
    author_id: strawberry.Private[str]
    goal_id: strawberry.Private[str | None]
    media_ids: strawberry.Private[list[str]]

    @classmethod
    def from_doc(cls, doc: models.Post) -> Post:
        return cls(
            id=strawberry.ID(str(doc.id)),
            text=doc.text,
            category=doc.category,
            media_urls=doc.media_urls,
            status=doc.status,
            like_count=max(doc.like_count, 0),
            comment_count=max(doc.comment_count, 0),
            created_at=doc.created_at,
            edited_at=doc.edited_at,
            author_id=doc.author_id,
            goal_id=doc.goal_id,
            media_ids=doc.media_ids,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Post | None:
        doc = await post_loader(info).load(str(id))
        viewer = await viewer_of(info)
        return cls.from_doc(doc) if doc is not None and viewer.can_see_post(doc) else None

    @strawberry.field(
        description="Photos uploaded with the post (completeUpload), in order; signed-out "
        "viewers get none, and a photo already removed is null."
    )
    async def media(self, info: Info) -> list[Media | None]:
        if (await viewer_of(info)).user_id is None:
            return []
        return [Media(id=strawberry.ID(media_id)) for media_id in self.media_ids]

    @strawberry.field(description="Who wrote the post.")
    def author(self) -> User:
        return User(id=strawberry.ID(self.author_id))

    @strawberry.field(
        description="The author's goal this post is about; null if none or the viewer may "
        "not see that goal."
    )
    async def goal(self, info: Info) -> Goal | None:
        if not self.goal_id:
            return None
        ref = await goal_loader(info).load(self.goal_id)
        viewer = await viewer_of(info)
        if not viewer.shows_goal_link(self.author_id, ref):
            return None
        return Goal(id=strawberry.ID(self.goal_id))

    @strawberry.field(description="Whether the signed-in viewer likes this post.")
    async def viewer_has_liked(self, info: Info) -> bool:
        loader = membership_loader(info, "liked", info.context.services.reactions.liked_among)
        return bool(await loader.load(str(self.id)))

    @strawberry.field(description="Whether the signed-in viewer saved this post.")
    async def viewer_has_saved(self, info: Info) -> bool:
        loader = membership_loader(info, "saved", info.context.services.reactions.saved_among)
        return bool(await loader.load(str(self.id)))

    @strawberry.field(description="Top-level comments, oldest first.")
    async def comments(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[Comment]:
        viewer = await viewer_of(info)
        page = await info.context.services.comments.top_level(
            viewer, str(self.id), page_request(first, after)
        )
        return connection_from_page(page, Comment.from_doc)


@strawberry.federation.type(
    keys=["id"],
    description="A comment on a post. Replies are one level deep: a reply to a reply "
    "joins the thread of the top-level comment.",
)
class Comment:
    id: strawberry.ID = strawberry.field(description="The comment's id.")
    text: str = strawberry.field(description="The comment's plain text.")
    status: ContentStatus = strawberry.field(description="Moderation state of the comment.")
    parent_id: strawberry.ID | None = strawberry.field(
        description="The top-level comment this replies to; null for a top-level comment."
    )
    created_at: datetime = strawberry.field(description="When the comment was written.")
    edited_at: datetime | None = strawberry.field(description="When it was last edited.")
    author_id: strawberry.Private[str]
    post_id: strawberry.Private[str]

    @classmethod
    def from_doc(cls, doc: models.Comment) -> Comment:
        return cls(
            id=strawberry.ID(str(doc.id)),
            text=doc.text,
            status=doc.status,
            parent_id=strawberry.ID(doc.parent_id) if doc.parent_id else None,
            created_at=doc.created_at,
            edited_at=doc.edited_at,
            author_id=doc.author_id,
            post_id=doc.post_id,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Comment | None:
        viewer = await viewer_of(info)
        comments = info.context.services.comments
        loader = info.context.loader(
            "community.comments", lambda: batch_loader(lambda i: comments.visible_many(viewer, i))
        )
        doc = await loader.load(str(id))
        return cls.from_doc(doc) if doc is not None else None

    @strawberry.field(description="Who wrote the comment.")
    def author(self) -> User:
        return User(id=strawberry.ID(self.author_id))

    @strawberry.field(description="The post commented on; null if the viewer may not see it.")
    async def post(self, info: Info) -> Post | None:
        return await Post.resolve_reference(info, strawberry.ID(self.post_id))

    @strawberry.field(description="Replies to this comment, oldest first (empty for replies).")
    async def replies(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[Comment]:
        viewer = await viewer_of(info)
        page = await info.context.services.comments.replies(
            viewer, str(self.id), page_request(first, after)
        )
        return connection_from_page(page, Comment.from_doc)
