"""Media's projection of who may see a post: the post's status, its author's privacy, and
follows and blocks, each newest-wins from the events of community and users."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.projections import apply_if_newer
from common.repository import Repository
from subgraphs.media.models import AuthorPrivacy, PostAudience, Relation, RelationKind


class PostAudienceRepository(Repository[PostAudience]):
    model = PostAudience

    async def record(self, post_id: str, author_id: str, status: str, as_of: datetime) -> None:
        await apply_if_newer(
            self.model.get_pymongo_collection(),
            {"post_id": post_id},
            {"author_id": author_id, "status": status},
            at=as_of,
        )

    async def of_posts(self, post_ids: list[str]) -> dict[str, PostAudience]:
        found = await self.model.find({"post_id": {"$in": post_ids}}).to_list()
        return {row.post_id: row for row in found}

    async def delete_author(self, author_id: str) -> int:
        return await self.delete_where({"author_id": author_id})


class PrivacyRepository(Repository[AuthorPrivacy]):
    model = AuthorPrivacy

    async def record(self, user_id: str, privacy: str, as_of: datetime) -> None:
        await apply_if_newer(
            self.model.get_pymongo_collection(),
            {"user_id": user_id},
            {"privacy": privacy},
            at=as_of,
        )

    async def of_users(self, user_ids: list[str]) -> dict[str, str]:
        found = await self.model.find({"user_id": {"$in": user_ids}}).to_list()
        return {row.user_id: row.privacy for row in found}

    async def delete_user(self, user_id: str) -> int:
        return await self.delete_where({"user_id": user_id})


class RelationRepository(Repository[Relation]):
    model = Relation

    async def record(
        self, kind: RelationKind, from_id: str, to_id: str, *, active: bool, as_of: datetime
    ) -> None:
        await apply_if_newer(
            self.model.get_pymongo_collection(),
            {"kind": kind.value, "from_id": from_id, "to_id": to_id},
            {"active": active},
            at=as_of,
        )

    async def ties(self, viewer_id: str, user_ids: list[str]) -> tuple[set[str], set[str]]:
        """(those of `user_ids` the viewer follows, those blocked by or blocking the
        viewer), in one query."""
        query: dict[str, Any] = {
            "active": True,
            "$or": [
                {"from_id": viewer_id, "to_id": {"$in": user_ids}},
                {
                    "kind": RelationKind.BLOCK.value,
                    "from_id": {"$in": user_ids},
                    "to_id": viewer_id,
                },
            ],
        }
        followed: set[str] = set()
        blocked: set[str] = set()
        for row in await self.model.find(query).to_list():
            if row.kind is RelationKind.FOLLOW:
                followed.add(row.to_id)
            else:
                blocked.add(row.to_id if row.from_id == viewer_id else row.from_id)
        return followed, blocked

    async def delete_user(self, user_id: str) -> int:
        return await self.delete_where({"$or": [{"from_id": user_id}, {"to_id": user_id}]})
