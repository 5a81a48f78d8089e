"""Feeds and post search: each page is one bounded keyset query on an index.

Following feed is fan-out-on-read: the viewer's followed ids (capped at
MAX_FOLLOWING) go into one `author_id $in` query sorted by `_id`, so a post is
in every follower's feed the moment it is written and nothing is copied.
"""

from __future__ import annotations

from common.repository import Page, PageRequest
from subgraphs.community.domain import text as texts
from subgraphs.community.models import Category, ContentStatus, Post, Privacy
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.scope import Viewer


class FeedService:
    def __init__(self, deps: Deps) -> None:
        self._repos = deps.repos

    async def following(self, viewer: Viewer, request: PageRequest) -> Page[Post]:
        me = viewer.require_user()
        authors = sorted((viewer.following | {me}) - viewer.hidden)
        query = {
            "author_id": {"$in": authors},
            "status": ContentStatus.PUBLISHED,
            # Followers may see FOLLOWERS posts; PRIVATE ones only their author.
            "$or": [{"author_privacy": {"$ne": Privacy.PRIVATE}}, {"author_id": me}],
        }
        return await self._repos.posts.page_where(query, request)

    async def trending(self, viewer: Viewer, request: PageRequest) -> Page[Post]:
        return await self._repos.posts.page_where(
            viewer.discovery_filter(), request, sort_field="hot_score"
        )

    async def category(
        self, viewer: Viewer, category: Category, request: PageRequest
    ) -> Page[Post]:
        return await self._repos.posts.page_where(
            {**viewer.discovery_filter(), "category": category}, request
        )

    async def search(
        self, viewer: Viewer, query: str, category: Category | None, request: PageRequest
    ) -> Page[Post]:
        filters = {**viewer.audience_filter(), "search_terms": {"$all": texts.query_terms(query)}}
        if category is not None:
            filters["category"] = category
        return await self._repos.posts.page_where(filters, request)
