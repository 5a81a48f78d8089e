"""Per-request helpers for resolvers: the viewer's scope, page requests, batch loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

import strawberry
from strawberry.dataloader import DataLoader

from common.auth import Role
from common.graphql.context import RequestContext
from common.graphql.loaders import batch_loader
from common.repository import PageRequest
from subgraphs.community.models import GoalAccess, Post, Profile
from subgraphs.community.service.container import CommunityServices
from subgraphs.community.service.scope import Viewer

Info = strawberry.Info[RequestContext[CommunityServices], None]


@dataclass
class _ViewerCell:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    value: Viewer | None = None


async def viewer_of(info: Info, *, required: bool = False) -> Viewer:
    """The caller's follows and blocks, loaded once per request."""
    principal = await (info.context.require_viewer() if required else info.context.viewer())
    cell = info.context.loader("community.viewer", _ViewerCell)
    async with cell.lock:
        if cell.value is None:
            cell.value = await info.context.services.viewer(
                principal.user_id if principal else None,
                moderator=principal.has_role(Role.MODERATOR) if principal else False,
            )
        return cell.value


def page_request(first: int, after: str | None) -> PageRequest:
    return PageRequest(first=first, after=after)


def post_loader(info: Info) -> DataLoader[str, Post | None]:
    posts = info.context.services.posts
    return info.context.loader("community.posts", lambda: batch_loader(posts.by_ids))


def profile_loader(info: Info) -> DataLoader[str, Profile | None]:
    profiles = info.context.services.social.profiles
    return info.context.loader("community.profiles", lambda: batch_loader(profiles))


def goal_loader(info: Info) -> DataLoader[str, GoalAccess | None]:
    goals = info.context.services.goals.refs
    return info.context.loader("community.goals", lambda: batch_loader(goals))


def membership_loader(
    info: Info, name: str, fetch: Callable[[Viewer, list[str]], Awaitable[Iterable[str]]]
) -> DataLoader[str, bool | None]:
    """Batch 'is this id in the viewer's set' questions (liked, saved, followed) into one query."""

    async def fetch_many(ids: list[str]) -> dict[str, bool]:
        viewer = await viewer_of(info)
        members = set(await fetch(viewer, ids))
        return {i: i in members for i in ids}

    return info.context.loader(f"community.{name}", lambda: batch_loader(fetch_many))
