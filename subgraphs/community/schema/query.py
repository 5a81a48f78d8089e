"""Community queries: one post, feeds, search, the viewer's lists, moderation."""

from __future__ import annotations

from typing import Annotated

import strawberry

from common.errors import NotFound
from common.graphql.pagination import Connection, connection_from_page
from subgraphs.community.schema.context import Info, page_request, viewer_of
from subgraphs.community.schema.lists import (
    BlockedUser,
    ModerationAction,
    ModerationCase,
    ProfileMatch,
    SavedPost,
)
from subgraphs.community.schema.types import After, Category, First, Post, User

SearchText = Annotated[
    str, strawberry.argument(description="Keywords; each must match a word or word start.")
]


@strawberry.type(description="Community queries.")
class Query:
    @strawberry.field(description="One post by id; null when it does not exist or is not visible.")
    async def post(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Post id.")]
    ) -> Post | None:
        viewer = await viewer_of(info)
        try:
            return Post.from_doc(await info.context.services.posts.visible(viewer, str(id)))
        except NotFound:
            return None

    @strawberry.field(
        description="Posts by the people the viewer follows and the viewer, newest first."
    )
    async def following_feed(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[Post]:
        viewer = await viewer_of(info, required=True)
        page = await info.context.services.feeds.following(viewer, page_request(first, after))
        return connection_from_page(page, Post.from_doc)

    @strawberry.field(description="Public posts ranked by recency and engagement.")
    async def trending_feed(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[Post]:
        viewer = await viewer_of(info)
        page = await info.context.services.feeds.trending(viewer, page_request(first, after))
        return connection_from_page(page, Post.from_doc)

    @strawberry.field(description="Public posts of one category, newest first.")
    async def category_feed(
        self,
        info: Info,
        category: Annotated[Category, strawberry.argument(description="The category.")],
        first: First = 20,
        after: After = None,
    ) -> Connection[Post]:
        viewer = await viewer_of(info)
        page = await info.context.services.feeds.category(
            viewer, category, page_request(first, after)
        )
        return connection_from_page(page, Post.from_doc)

    @strawberry.field(
        description="Posts the viewer may see that contain every keyword, newest first."
    )
    async def search_posts(
        self,
        info: Info,
        query: SearchText,
        category: Annotated[
            Category | None, strawberry.argument(description="Only posts of this category.")
        ] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Post]:
        viewer = await viewer_of(info)
        page = await info.context.services.feeds.search(
            viewer, query, category, page_request(first, after)
        )
        return connection_from_page(page, Post.from_doc)

    @strawberry.field(description="Public profiles whose display name contains every keyword.")
    async def search_profiles(
        self, info: Info, query: SearchText, first: First = 20, after: After = None
    ) -> Connection[ProfileMatch]:
        viewer = await viewer_of(info)
        page = await info.context.services.social.search(viewer, query, page_request(first, after))
        return connection_from_page(
            page,
            lambda p: ProfileMatch(
                user=User(id=strawberry.ID(p.user_id)), display_name=p.display_name
            ),
        )

    @strawberry.field(description="The viewer's saved posts, most recently saved first.")
    async def saved_posts(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[SavedPost]:
        viewer = await viewer_of(info, required=True)
        page = await info.context.services.reactions.saved(viewer, page_request(first, after))
        return connection_from_page(
            page, lambda s: SavedPost(saved_at=s.created_at, post_id=s.post_id)
        )

    @strawberry.field(description="Users the viewer has blocked, most recent first.")
    async def blocked_users(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[BlockedUser]:
        viewer = await viewer_of(info, required=True)
        page = await info.context.services.social.blocked(viewer, page_request(first, after))
        return connection_from_page(
            page,
            lambda b: BlockedUser(user=User(id=strawberry.ID(b.blocked_id)), since=b.created_at),
        )

    @strawberry.field(description="Open moderation cases, oldest first. Moderators only.")
    async def moderation_queue(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[ModerationCase]:
        viewer = await viewer_of(info, required=True)
        page = await info.context.services.moderation.queue(viewer, page_request(first, after))
        return connection_from_page(page, ModerationCase.from_doc)

    @strawberry.field(description="The moderation audit log, newest first. Moderators only.")
    async def moderation_log(
        self,
        info: Info,
        target_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only entries about this content."),
        ] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[ModerationAction]:
        viewer = await viewer_of(info, required=True)
        page = await info.context.services.moderation.log(
            viewer, str(target_id) if target_id else None, page_request(first, after)
        )
        return connection_from_page(page, ModerationAction.from_doc)
