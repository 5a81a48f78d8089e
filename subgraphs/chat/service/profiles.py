"""Senders' cards: chat's copy of the profile fields it shows beside messages.

`Message.sender` and `TypingIndicator.user` provide `displayName` and `avatarUrl`
from here, so a message fanned out to a thousand subscribers needs no call to
users for each of them.
The cards follow users' events; a sender whose registration has not arrived yet
is introduced by the name in their verified token (see `card`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events.catalog import UserRegistered, UserUpdated
from subgraphs.chat.models import ProfileCard
from subgraphs.chat.repository import ProfileRepository


class ProfileService:
    def __init__(self, *, profiles: ProfileRepository) -> None:
        self._profiles = profiles

    async def cards(self, user_ids: Sequence[str]) -> dict[str, ProfileCard]:
        return await self._profiles.cards(user_ids)

    async def card(self, user_id: str, *, introduce_as: str | None = None) -> ProfileCard | None:
        """The user's card; one chat has none for yet (their registration event is
        still on its way) is introduced by the name their verified token carries."""
        card = (await self._profiles.cards([user_id])).get(user_id)
        if card is None and introduce_as:
            await self._profiles.introduce(user_id, introduce_as)
            card = (await self._profiles.cards([user_id])).get(user_id)
        return card

    async def apply(
        self, change: UserRegistered | UserUpdated, at: datetime, *, session: AsyncClientSession
    ) -> None:
        """A users event, applied unless a newer one was; older redeliveries change nothing."""
        fields: dict[str, object] = {"display_name": change.display_name}
        if isinstance(change, UserUpdated):
            fields |= {"avatar_url": change.avatar_url, "privacy": change.profile_privacy}
        await self._profiles.apply(change.user_id, at, fields, session=session)
