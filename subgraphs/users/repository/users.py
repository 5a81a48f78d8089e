"""Accounts: the users collection through beanie, and roles by email over a plain handle."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from beanie import PydanticObjectId
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.db import Database
from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.users.models import User, utcnow


class UserRepository(Repository[User]):
    model = User

    async def add(self, user: User, *, session: AsyncClientSession | None = None) -> bool:
        """Insert; False when the email is taken (the unique index decides, not a prior read).

        Inside a transaction the server has aborted it by then: raise, don't carry on.
        """
        try:
            await user.insert(session=session)
        except DuplicateKeyError:
            return False
        return True

    async def by_email_key(self, email_key: str) -> User | None:
        return await User.find_one({"email_key": email_key})

    async def update_fields(
        self,
        user_id: str,
        fields: Mapping[str, Any],
        *,
        where: Mapping[str, Any] | None = None,
        session: AsyncClientSession | None = None,
    ) -> User | None:
        """Set `fields` and return the account as it is now; None if no account (matching
        `where`) has that id."""
        return await self.set_fields(user_id, fields, where=where, session=session)

    async def remove(self, user_id: str, *, session: AsyncClientSession | None = None) -> bool:
        oid = parse_object_id(user_id)
        if oid is None:
            return False
        deleted = await self.delete_where({"_id": oid}, session=session)
        return deleted == 1

    async def advance_totp_counter(self, user_id: str, counter: int) -> bool:
        """Record a used TOTP step; False if it (or a later one) was used already."""
        oid = parse_object_id(user_id)
        result = await User.get_pymongo_collection().update_one(
            {"_id": oid, "totp.last_counter": {"$lt": counter}},
            {"$set": {"totp.last_counter": counter}},
        )
        return result.modified_count == 1

    async def list_page(self, request: PageRequest) -> Page[User]:
        return await self.page({}, request, sort_field="_id", descending=False)

    async def batch_after(self, after: PydanticObjectId | None, limit: int) -> list[User]:
        """Up to `limit` accounts in id order, from just after `after` (the start if None)."""
        query = User.find() if after is None else User.find(User.id > after)
        return await query.sort("_id").limit(limit).to_list()


class RoleStore:
    """Roles by email over a plain database handle: operator commands run without beanie,
    whose model bindings are process-wide."""

    def __init__(self, database: Database) -> None:
        self._users = database[User.Settings.name]

    async def change(
        self, email_key: str, new_roles: Callable[[list[str]], list[str]]
    ) -> list[str] | None:
        """Set the account's roles to `new_roles(current)`; None if no account has that address.

        Compare-and-set, so a concurrent change is never overwritten, only retried.
        """
        while True:
            found = await self._users.find_one({"email_key": email_key}, {"roles": 1})
            if found is None:
                return None
            current = list(found.get("roles", []))
            wanted = new_roles(current)
            result = await self._users.update_one(
                {"_id": found["_id"], "roles": current},
                {"$set": {"roles": wanted, "updated_at": utcnow()}},
            )
            if result.matched_count == 1:
                return wanted
