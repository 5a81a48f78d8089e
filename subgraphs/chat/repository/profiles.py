"""Senders' cards: written by users' events (and a sender's first message), read beside messages."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.projections import apply_if_newer
from common.repository import Repository
from subgraphs.chat.models import Profile, ProfileCard


class ProfileRepository(Repository[Profile]):
    model = Profile

    async def cards(self, user_ids: Sequence[str]) -> dict[str, ProfileCard]:
        """The cards of the users chat knows and who still have an account."""
        found = await Profile.find(
            {"user_id": {"$in": list(dict.fromkeys(user_ids))}, "deleted": False}
        ).to_list()
        return {p.user_id: p.card() for p in found}

    async def existing(self, user_ids: Sequence[str]) -> set[str]:
        """Which of `user_ids` are accounts chat has heard of and that are not deleted."""
        cursor = Profile.get_pymongo_collection().find(
            {"user_id": {"$in": list(dict.fromkeys(user_ids))}, "deleted": False}, {"user_id": 1}
        )
        return {row["user_id"] async for row in cursor}

    async def apply(
        self, user_id: str, at: datetime, fields: dict[str, Any], *, session: AsyncClientSession
    ) -> bool:
        """A users event's fields, unless a newer event was applied or the account is gone."""
        return await apply_if_newer(
            Profile.get_pymongo_collection(),
            {"user_id": user_id},
            fields,
            at=at,
            stamp="synced_at",
            tombstone="deleted",
            defaults=_new_row(""),
            session=session,
        )

    async def introduce(self, user_id: str, display_name: str) -> None:
        """Remember a user by the name their token carries, unless chat already knows them."""
        # A concurrent introduction or event may insert it first: theirs stands.
        with suppress(DuplicateKeyError):
            await Profile.get_pymongo_collection().update_one(
                {"user_id": user_id}, {"$setOnInsert": _new_row(display_name)}, upsert=True
            )

    async def erase(self, user_id: str, *, session: AsyncClientSession) -> None:
        """Leave a tombstone without the name, so late events of the account stay ignored."""
        await Profile.get_pymongo_collection().update_one(
            {"user_id": user_id},
            {
                "$set": {"deleted": True, "display_name": "", "avatar_url": None},
                "$setOnInsert": {"privacy": "private", "synced_at": None},
            },
            upsert=True,
            session=session,
        )


def _new_row(display_name: str) -> dict[str, Any]:
    return {
        "display_name": display_name,
        "avatar_url": None,
        "privacy": "public",
        "synced_at": None,
        "deleted": False,
    }
