"""OpenID Connect sign-in: pending states and the identities linked to accounts."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.repository import Repository
from subgraphs.users.models import OAuthIdentity, OAuthState


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
