"""Writing, editing, deleting and reading posts."""

from __future__ import annotations

from dataclasses import dataclass

from beanie import PydanticObjectId

from common.errors import BadUserInput, Forbidden, NotFound
from common.events import Event
from common.events.catalog import (
    MediaCompleted,
    PostCreated,
    PostDeleted,
    PostMediaStatus,
)
from common.repository import Page, PageRequest
from subgraphs.community.domain import text as texts
from subgraphs.community.models import Category, ContentStatus, Post, TargetType, utc_now
from subgraphs.community.repository import Session
from subgraphs.community.service.deps import Deps, Unit
from subgraphs.community.service.limits import Action
from subgraphs.community.service.scope import Viewer, ensure_active, privacy_of

# Engagement worth 10x is outweighed by 12.5 hours of age (45000 s); see docs/community.md.
TRENDING_HALF_DAY_SECONDS = 45000.0
GOAL_ID_MAX_CHARS = 64
WORD_FILTER_REASON = "Held automatically: matched the word filter."


@dataclass(frozen=True)
class PostDraft:
    text: str
    category: Category
    media_urls: tuple[str, ...] = ()
    media_ids: tuple[str, ...] = ()
    goal_id: str | None = None


@dataclass(frozen=True)
class PostChanges:
    text: str | None = None
    category: Category | None = None
    media_urls: tuple[str, ...] | None = None


def post_created(post: Post) -> Event:
    return Event.of(
        "community.post.created",
        user_id=post.author_id,
        data=PostCreated(
            post_id=str(post.id),
            author_id=post.author_id,
            category=post.category.value,
            goal_id=post.goal_id,
        ),
    )


def media_status(post: Post) -> Event:
    """Who may read a post's photos follows its status: media hears of every change."""
    return Event.of(
        "community.post_media.changed",
        user_id=post.author_id,
        data=PostMediaStatus(
            post_id=str(post.id),
            author_id=post.author_id,
            media_ids=post.media_ids,
            status=post.status.value,
        ),
    )


def post_deleted(post: Post) -> Event:
    return Event.of(
        "community.post.deleted",
        user_id=post.author_id,
        data=PostDeleted(post_id=str(post.id), author_id=post.author_id, media_ids=post.media_ids),
    )


def holder(post_id: str) -> str:
    """What a post's media are attached to in the projection."""
    return f"post:{post_id}"


class PostService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._repos = deps.repos

    async def create(self, viewer: Viewer, draft: PostDraft) -> Post:
        author_id = viewer.require_user()
        body = texts.clean_text(draft.text, field="text", max_chars=texts.POST_MAX_CHARS)
        media = texts.clean_media_urls(draft.media_urls)
        media_ids = texts.clean_media_ids(draft.media_ids)
        goal_id = _clean_goal_id(draft.goal_id)
        held = texts.matches_filter(body, self._deps.word_filter)
        await self._deps.limits.spend(Action.POST, author_id)

        async def work(unit: Unit) -> Post:
            # The profile lock also orders this insert against a privacy change
            # of the author: the privacy copied here is the one that commits.
            profile = await ensure_active(self._repos, author_id, session=unit.session)
            if goal_id is not None:
                await self._check_goal_link(viewer, goal_id, session=unit.session)
            post_id = PydanticObjectId()
            await self._repos.media.attach(
                author_id,
                media_ids,
                holder=holder(str(post_id)),
                field="mediaIds",
                session=unit.session,
            )
            now = utc_now()
            age_base = now.timestamp() / TRENDING_HALF_DAY_SECONDS
            post = Post(
                id=post_id,
                author_id=author_id,
                text=body,
                category=draft.category,
                media_urls=media,
                media_ids=media_ids,
                goal_id=goal_id,
                status=ContentStatus.HELD if held else ContentStatus.PUBLISHED,
                author_privacy=profile.privacy,
                age_base=age_base,
                hot_score=age_base,
                search_terms=texts.search_terms(body),
                created_at=now,
            )
            await self._repos.posts.insert(post, session=unit.session)
            if media_ids:
                await unit.publish(media_status(post))
            if held:
                await self._repos.cases.open(
                    TargetType.POST,
                    str(post.id),
                    author_id,
                    WORD_FILTER_REASON,
                    held=True,
                    session=unit.session,
                )
            else:
                await unit.publish(post_created(post))
            return post

        return await self._deps.write(work)

    async def record_media(self, media: MediaCompleted) -> None:
        """Remember a completed upload (`media.media.completed`) for `mediaIds` checks."""
        await self._repos.media.record(media)

    async def edit(self, viewer: Viewer, post_id: str, changes: PostChanges) -> Post:
        fields: dict[str, object] = {}
        body: str | None = None
        if changes.text is not None:
            body = texts.clean_text(changes.text, field="text", max_chars=texts.POST_MAX_CHARS)
            fields |= {"text": body, "search_terms": texts.search_terms(body)}
        if changes.category is not None:
            fields["category"] = changes.category
        if changes.media_urls is not None:
            fields["media_urls"] = texts.clean_media_urls(changes.media_urls)

        async def work(unit: Unit) -> Post:
            post = await self._own(viewer, post_id, session=unit.session)
            held = (
                body is not None
                and post.status is ContentStatus.PUBLISHED
                and texts.matches_filter(body, self._deps.word_filter)
            )
            update = {**fields, "edited_at": utc_now()}
            if held:
                update["status"] = ContentStatus.HELD
            updated = await self._repos.posts.update_content(post_id, update, session=unit.session)
            if updated is None:
                raise NotFound("Post not found.")
            if held and updated.media_ids:
                await unit.publish(media_status(updated))
            if held:
                await self._repos.cases.open(
                    TargetType.POST,
                    post_id,
                    post.author_id,
                    WORD_FILTER_REASON,
                    held=True,
                    session=unit.session,
                )
            return updated

        return await self._deps.write(work)

    async def delete(self, viewer: Viewer, post_id: str) -> None:
        async def work(unit: Unit) -> None:
            post = await self._own(viewer, post_id, session=unit.session)
            await self.purge([post_id], session=unit.session)
            if post.media_ids:
                # Media removes the files once this commits (at least once, idempotently).
                await unit.publish(post_deleted(post))

        await self._deps.write(work)

    async def purge(self, post_ids: list[str], *, session: Session) -> None:
        """Delete posts with everything hanging off them, inside the caller's transaction."""
        repos = self._repos
        for post_id in post_ids:
            await repos.posts.delete_by_id(post_id, session=session)
            await repos.cases.resolve(TargetType.POST, post_id, session=session)
        if post_ids:
            await repos.comments.delete_for_posts(post_ids, session=session)
            await repos.likes.delete_for_posts(post_ids, session=session)
            await repos.saves.delete_for_posts(post_ids, session=session)
            await repos.media.release([holder(p) for p in post_ids], session=session)

    async def visible(self, viewer: Viewer, post_id: str, *, session: Session = None) -> Post:
        post = await self._repos.posts.get(post_id, session=session)
        if post is None or not viewer.can_see_post(post):
            raise NotFound("Post not found.")
        return post

    async def by_ids(self, post_ids: list[str]) -> dict[str, Post]:
        """The posts as stored, visible or not: for callers that decide visibility per post."""
        return await self._repos.posts.get_many(post_ids)

    async def by_author(self, viewer: Viewer, author_id: str, request: PageRequest) -> Page[Post]:
        if author_id == viewer.user_id:
            query: dict[str, object] = {
                "author_id": author_id,
                "status": {"$ne": ContentStatus.REMOVED},
            }
            return await self._repos.posts.page_where(query, request)
        profile = await self._repos.profiles.by_user(author_id)
        if not viewer.can_see_author(author_id, privacy_of(profile)):
            return Page(items=[], has_next_page=False, cursors=[])
        query = {"author_id": author_id, "status": ContentStatus.PUBLISHED}
        return await self._repos.posts.page_where(query, request)

    async def _check_goal_link(self, viewer: Viewer, goal_id: str, *, session: Session) -> None:
        """Only the goal's owner links to it; see `Viewer.shows_goal_link` for unknown goals."""
        goal = await self._repos.goals.by_goal(goal_id, session=session)
        if goal is None:
            return
        if goal.deleted or not viewer.can_see_goal(goal):
            raise NotFound("Goal not found.", field="goalId")
        if goal.owner_id != viewer.user_id:
            raise Forbidden("You can only link a post to one of your own goals.", field="goalId")

    async def _own(self, viewer: Viewer, post_id: str, *, session: Session) -> Post:
        user_id = viewer.require_user()
        post = await self._repos.posts.get(post_id, session=session)
        if post is None or post.status is ContentStatus.REMOVED:
            raise NotFound("Post not found.")
        if post.author_id != user_id:
            if not viewer.can_see_post(post):
                raise NotFound("Post not found.")
            raise Forbidden("Only the author can change this post.")
        return post


def _clean_goal_id(goal_id: str | None) -> str | None:
    if goal_id is None:
        return None
    cleaned = goal_id.strip()
    if not cleaned or len(cleaned) > GOAL_ID_MAX_CHARS:
        raise BadUserInput("`goalId` is not a valid goal id.", field="goalId")
    return cleaned
