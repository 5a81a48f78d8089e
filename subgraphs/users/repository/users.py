"""All of the users subgraph's database access."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.db import Database
from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.users.models import (
    ApiKey,
    OAuthIdentity,
    OAuthState,
    OneTimeToken,
    RefreshFamily,
    RefreshToken,
    TokenPurpose,
    User,
    utcnow,
)


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


class RefreshFamilyRepository(Repository[RefreshFamily]):
    model = RefreshFamily

    async def revoke(self, family_id: str, *, at: datetime, reason: str) -> None:
        oid = parse_object_id(family_id)
        await RefreshFamily.get_pymongo_collection().update_one(
            {"_id": oid, "revoked_at": None},
            {"$set": {"revoked_at": at, "revoked_reason": reason}},
        )

    async def revoke_all(
        self,
        user_id: str,
        *,
        at: datetime,
        reason: str,
        keep: str | None = None,
        session: AsyncClientSession | None = None,
    ) -> int:
        query: dict[str, Any] = {"user_id": user_id, "revoked_at": None}
        kept = parse_object_id(keep) if keep else None
        if kept is not None:
            query["_id"] = {"$ne": kept}
        result = await RefreshFamily.get_pymongo_collection().update_many(
            query, {"$set": {"revoked_at": at, "revoked_reason": reason}}, session=session
        )
        return result.modified_count

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class RefreshTokenRepository(Repository[RefreshToken]):
    model = RefreshToken

    async def claim(self, token_hash: str, *, at: datetime) -> RefreshToken | None:
        """Mark an unrotated token as rotated and return it; None if unknown or already rotated.

        One atomic update, so two concurrent refreshes with one token cannot both win.
        """
        raw = await RefreshToken.get_pymongo_collection().find_one_and_update(
            {"token_hash": token_hash, "rotated_at": None},
            {"$set": {"rotated_at": at}},
            return_document=ReturnDocument.AFTER,
        )
        return RefreshToken.model_validate(raw) if raw else None

    async def by_hash(self, token_hash: str) -> RefreshToken | None:
        return await RefreshToken.find_one({"token_hash": token_hash})

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class OneTimeTokenRepository(Repository[OneTimeToken]):
    model = OneTimeToken

    async def consume(
        self,
        token_hash: str,
        purpose: TokenPurpose,
        *,
        at: datetime,
        session: AsyncClientSession | None = None,
    ) -> OneTimeToken | None:
        """Use an unused, unexpired token exactly once."""
        raw = await OneTimeToken.get_pymongo_collection().find_one_and_update(
            {
                "token_hash": token_hash,
                "purpose": purpose.value,
                "used_at": None,
                "expires_at": {"$gt": at},
            },
            {"$set": {"used_at": at}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        return OneTimeToken.model_validate(raw) if raw else None

    async def usable(self, token_hash: str, purpose: TokenPurpose, *, at: datetime) -> bool:
        found = await OneTimeToken.get_pymongo_collection().find_one(
            {
                "token_hash": token_hash,
                "purpose": purpose.value,
                "used_at": None,
                "expires_at": {"$gt": at},
            },
            projection={"_id": 1},
        )
        return found is not None

    async def expire_outstanding(
        self, user_id: str, purpose: TokenPurpose, *, at: datetime
    ) -> None:
        # Only the newest link works: an old mail lying around is no way in.
        await OneTimeToken.get_pymongo_collection().update_many(
            {"user_id": user_id, "purpose": purpose.value, "used_at": None},
            {"$set": {"used_at": at}},
        )

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class OAuthStateRepository(Repository[OAuthState]):
    model = OAuthState

    async def take(self, state: str, provider: str, *, at: datetime) -> OAuthState | None:
        raw = await OAuthState.get_pymongo_collection().find_one_and_delete(
            {"state": state, "provider": provider}
        )
        if raw is None:
            return None
        found = OAuthState.model_validate(raw)
        return found if found.expires_at > at else None


class OAuthIdentityRepository(Repository[OAuthIdentity]):
    model = OAuthIdentity

    async def find(self, provider: str, subject: str) -> OAuthIdentity | None:
        return await OAuthIdentity.find_one({"provider": provider, "subject": subject})

    async def add(
        self, identity: OAuthIdentity, *, session: AsyncClientSession | None = None
    ) -> bool:
        try:
            await identity.insert(session=session)
        except DuplicateKeyError:
            return False
        return True

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class ApiKeyRepository(Repository[ApiKey]):
    model = ApiKey

    async def active_by_hash(self, token_hash: str) -> ApiKey | None:
        return await ApiKey.find_one({"token_hash": token_hash, "revoked_at": None})

    async def count_active(self, user_id: str) -> int:
        return await ApiKey.find({"user_id": user_id, "revoked_at": None}).count()

    async def list_page(self, user_id: str, request: PageRequest) -> Page[ApiKey]:
        return await self.page({"user_id": user_id}, request, sort_field="_id", descending=True)

    async def revoke(self, key_id: str, user_id: str, *, at: datetime) -> ApiKey | None:
        """Revoke the member's key (kept for the record); None if they have no such key."""
        oid = parse_object_id(key_id)
        if oid is None:
            return None
        owned = {"_id": oid, "user_id": user_id}
        await ApiKey.get_pymongo_collection().update_one(
            {**owned, "revoked_at": None}, {"$set": {"revoked_at": at}}
        )
        raw = await ApiKey.get_pymongo_collection().find_one(owned)
        return ApiKey.model_validate(raw) if raw else None

    async def revoke_all(
        self, user_id: str, *, at: datetime, session: AsyncClientSession | None = None
    ) -> None:
        await ApiKey.get_pymongo_collection().update_many(
            {"user_id": user_id, "revoked_at": None}, {"$set": {"revoked_at": at}}, session=session
        )

    async def touch(self, key_id: str, *, at: datetime) -> None:
        oid = parse_object_id(key_id)
        await ApiKey.get_pymongo_collection().update_one(
            {"_id": oid}, {"$set": {"last_used_at": at}}
        )

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


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


class Repositories:
    def __init__(self) -> None:
        self.users = UserRepository()
        self.families = RefreshFamilyRepository()
        self.refresh_tokens = RefreshTokenRepository()
        self.one_time_tokens = OneTimeTokenRepository()
        self.oauth_states = OAuthStateRepository()
        self.oauth_identities = OAuthIdentityRepository()
        self.api_keys = ApiKeyRepository()
