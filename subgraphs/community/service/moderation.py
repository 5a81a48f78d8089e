"""Reports, the moderation queue, moderator actions and their audit log."""

from __future__ import annotations

from dataclasses import dataclass

from common.errors import Forbidden, NotFound
from common.events import Event
from common.events.catalog import PostReported
from common.repository import Page, PageRequest
from subgraphs.community.domain import text as texts
from subgraphs.community.models import (
    ContentStatus,
    ModerationAction,
    ModerationActionKind,
    ModerationCase,
    Report,
    TargetType,
)
from subgraphs.community.repository import Session
from subgraphs.community.service.comments import CommentService
from subgraphs.community.service.deps import Deps, Unit
from subgraphs.community.service.limits import Action
from subgraphs.community.service.posts import PostService, media_status, post_created
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
        await self._deps.limits.spend(Action.REPORT, user_id)

        async def work(unit: Unit) -> ModerationCase:
            session = unit.session
            await ensure_active(self._repos, user_id, session=session)
            if target_type is TargetType.POST:
                author_id = (
                    await self._posts.visible(viewer, target_id, session=session)
                ).author_id
            else:
                author_id = (await self._comments.visible(viewer, target_id)).author_id
            report = Report(
                target_type=target_type, target_id=target_id, reporter_id=user_id, reason=why
            )
            if not await self._repos.reports.add(report, session=session):
                # Reporting twice is not a second report.
                case = await self._repos.cases.for_target(target_type, target_id, session=session)
                if case is not None:
                    return case
            case = await self._repos.cases.open(
                target_type, target_id, author_id, why, reported=True, session=session
            )
            if target_type is TargetType.POST:
                await unit.publish(
                    Event.of(
                        "community.post.reported",
                        user_id=user_id,
                        data=PostReported(post_id=target_id, reporter_id=user_id, reason=why),
                    )
                )
            return case

        return await self._deps.write(work)

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

        async def work(unit: Unit) -> ModerationAction:
            session = unit.session
            target = await self._target(target_type, target_id, session=session)
            if action is ModerationActionKind.WARN:
                await self._repos.profiles.warn(target.author_id, session=session)
            elif target_type is TargetType.POST:
                status = _STATUS_FOR[action]
                before = await self._repos.posts.set_status(target_id, status, session=session)
                if before is not None and before.media_ids and before.status is not status:
                    after = before.model_copy(update={"status": status})
                    await unit.publish(media_status(after))
                if (
                    action is ModerationActionKind.RESTORE
                    and before is not None
                    and before.status is ContentStatus.HELD
                ):
                    # A held post is announced when a moderator lets it out, not when written.
                    await unit.publish(post_created(before))
            else:
                await self._comments.set_status(target_id, _STATUS_FOR[action], session=session)
            entry = ModerationAction(
                moderator_id=moderator_id,
                action=action,
                target_type=target_type,
                target_id=target_id,
                target_author_id=target.author_id,
                reason=why,
            )
            await self._repos.actions.insert(entry, session=session)
            await self._repos.cases.resolve(target_type, target_id, session=session)
            return entry

        return await self._deps.write(work)

    async def _target(self, target_type: TargetType, target_id: str, *, session: Session) -> Target:
        if target_type is TargetType.POST:
            post = await self._repos.posts.get(target_id, session=session)
            if post is None:
                raise NotFound("Post not found.", field="targetId")
            return Target(target_type, target_id, post.author_id)
        comment = await self._repos.comments.get(target_id, session=session)
        if comment is None:
            raise NotFound("Comment not found.", field="targetId")
        return Target(target_type, target_id, comment.author_id)


def _require_moderator(viewer: Viewer) -> str:
    user_id = viewer.require_user()
    if not viewer.moderator:
        raise Forbidden("This needs the moderator role.")
    return user_id
