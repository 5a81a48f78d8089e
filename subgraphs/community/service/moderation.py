"""Reports, the moderation queue, moderator actions and their audit log."""

from __future__ import annotations

from dataclasses import dataclass

from common.errors import Forbidden, NotFound
from common.events import Event
from common.events.catalog import PostReported
from common.repository import Page, PageRequest
from subgraphs.community import text as texts
from subgraphs.community.models import (
    ContentStatus,
    ModerationAction,
    ModerationActionKind,
    ModerationCase,
    Report,
    TargetType,
)
from subgraphs.community.service.comments import CommentService
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.posts import PostService, post_created
from subgraphs.community.service.scope import Viewer, ensure_active

_STATUS_FOR = {
    ModerationActionKind.HIDE: ContentStatus.HIDDEN,
    ModerationActionKind.REMOVE: ContentStatus.REMOVED,
    ModerationActionKind.RESTORE: ContentStatus.PUBLISHED,
}


@dataclass(frozen=True)
class Target:
    type: TargetType
    id: str
    author_id: str


class ModerationService:
    def __init__(self, deps: Deps, posts: PostService, comments: CommentService) -> None:
        self._deps = deps
        self._repos = deps.repos
        self._posts = posts
        self._comments = comments

    async def report(
        self, viewer: Viewer, target_type: TargetType, target_id: str, reason: str
    ) -> ModerationCase:
        user_id = viewer.require_user()
        why = texts.clean_text(reason, field="reason", max_chars=texts.REASON_MAX_CHARS)
        await ensure_active(self._repos, user_id)
        if target_type is TargetType.POST:
            author_id = (await self._posts.visible(viewer, target_id)).author_id
        else:
            author_id = (await self._comments.visible(viewer, target_id)).author_id
        report = Report(
            target_type=target_type, target_id=target_id, reporter_id=user_id, reason=why
        )
        if not await self._repos.reports.add(report):
            # Reporting twice is not a second report.
            case = await self._repos.cases.for_target(target_type, target_id)
            if case is not None:
                return case
        case = await self._repos.cases.open(target_type, target_id, author_id, why, reported=True)
        if target_type is TargetType.POST:
            await self._deps.publish(
                Event.of(
                    "community.post.reported",
                    user_id=user_id,
                    data=PostReported(post_id=target_id, reporter_id=user_id, reason=why),
                )
            )
        return case

    async def queue(self, viewer: Viewer, request: PageRequest) -> Page[ModerationCase]:
        _require_moderator(viewer)
        return await self._repos.cases.page_open(request)

    async def log(
        self, viewer: Viewer, target_id: str | None, request: PageRequest
    ) -> Page[ModerationAction]:
        _require_moderator(viewer)
        return await self._repos.actions.page_for(target_id, request)

    async def act(
        self,
        viewer: Viewer,
        action: ModerationActionKind,
        target_type: TargetType,
        target_id: str,
        reason: str,
    ) -> ModerationAction:
        moderator_id = _require_moderator(viewer)
        why = texts.clean_text(reason, field="reason", max_chars=texts.REASON_MAX_CHARS)
        target = await self._target(target_type, target_id)
        restored_from_hold = False
        if action is ModerationActionKind.WARN:
            await self._repos.profiles.warn(target.author_id)
        elif target_type is TargetType.POST:
            post = await self._repos.posts.get(target_id)
            restored_from_hold = (
                action is ModerationActionKind.RESTORE
                and post is not None
                and post.status is ContentStatus.HELD
            )
            await self._repos.posts.set_status(target_id, _STATUS_FOR[action])
        else:
            await self._repos.comments.set_status(target_id, _STATUS_FOR[action])
        entry = ModerationAction(
            moderator_id=moderator_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            target_author_id=target.author_id,
            reason=why,
        )
        await self._repos.actions.insert(entry)
        await self._repos.cases.resolve(target_type, target_id)
        if restored_from_hold:
            # A held post is announced when a moderator lets it out, not when it was written.
            post = await self._repos.posts.get(target_id)
            if post is not None:
                await self._deps.publish(post_created(post))
        return entry

    async def _target(self, target_type: TargetType, target_id: str) -> Target:
        if target_type is TargetType.POST:
            post = await self._repos.posts.get(target_id)
            if post is None:
                raise NotFound("Post not found.", field="targetId")
            return Target(target_type, target_id, post.author_id)
        comment = await self._repos.comments.get(target_id)
        if comment is None:
            raise NotFound("Comment not found.", field="targetId")
        return Target(target_type, target_id, comment.author_id)


def _require_moderator(viewer: Viewer) -> str:
    user_id = viewer.require_user()
    if not viewer.moderator:
        raise Forbidden("This needs the moderator role.")
    return user_id
