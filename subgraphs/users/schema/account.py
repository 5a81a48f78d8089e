"""The member's account: who is signed in, members by id, profile, preferences, life areas,
roles and deletion."""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Authenticated

from common.auth import Role
from common.errors import Unauthenticated
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from common.vocabulary import LIFE_AREAS
from subgraphs.users import models
from subgraphs.users.schema.context import Info, signed_in, writer
from subgraphs.users.schema.inputs import (
    DeleteAccountInput,
    SetUserRolesInput,
    UpdateLifeAreasInput,
    UpdatePreferencesInput,
    UpdateProfileInput,
)
from subgraphs.users.schema.types import User, own, view
from subgraphs.users.service.accounts import LifeAreaChanges, PreferenceChanges, ProfileChanges


@strawberry.type
class AccountQueries:
    @strawberry.field(directives=[Authenticated()], description="The signed-in member.")
    async def me(self, info: Info) -> User:
        viewer = await info.context.require_viewer()
        doc = await info.context.services.accounts.get(viewer.user_id)
        if doc is None:
            raise Unauthenticated("The account no longer exists.")
        return own(doc)

    @strawberry.field(description="A member by id, as much as their privacy lets you see.")
    async def user(self, info: Info, id: strawberry.ID) -> User | None:
        doc = await info.context.services.accounts.get(str(id))
        return view(doc, await info.context.viewer()) if doc else None

    @strawberry.field(description="Every member, oldest first (admins only).")
    async def users(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[User]:
        await info.context.require_role(Role.ADMIN)
        page = await info.context.services.accounts.list(PageRequest(first=first, after=after))
        return connection_from_page(page, own)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        directives=[Authenticated()], description="Change the signed-in member's profile."
    )
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> User:
        viewer = await writer(info)
        changes = ProfileChanges(
            display_name=input.display_name,
            avatar_url=input.avatar_url,
            avatar_media_id=None if input.avatar_media_id is None else str(input.avatar_media_id),
            bio=input.bio,
            timezone=input.timezone,
            locale=input.locale,
        )
        return own(await info.context.services.accounts.update_profile(viewer.user_id, changes))

    @strawberry.mutation(
        directives=[Authenticated()], description="Change the signed-in member's preferences."
    )
    async def update_preferences(self, info: Info, input: UpdatePreferencesInput) -> User:
        viewer = await writer(info)
        channels = input.notifications
        changes = PreferenceChanges(
            in_app=channels.in_app if channels else None,
            email=channels.email if channels else None,
            push=channels.push if channels else None,
            theme=models.Theme(input.theme.value) if input.theme else None,
            language=input.language,
            privacy=models.Privacy(input.privacy.value) if input.privacy else None,
        )
        accounts = info.context.services.accounts
        return own(await accounts.update_preferences(viewer.user_id, changes))

    @strawberry.mutation(
        directives=[Authenticated()], description="Change the signed-in member's life-area scores."
    )
    async def update_life_areas(self, info: Info, input: UpdateLifeAreasInput) -> User:
        viewer = await writer(info)
        scores: dict[str, int | None] = {area: getattr(input, area) for area in LIFE_AREAS}
        accounts = info.context.services.accounts
        return own(await accounts.update_life_areas(viewer.user_id, LifeAreaChanges(scores)))

    @strawberry.mutation(description="Set a member's roles (admins only).")
    async def set_user_roles(self, info: Info, input: SetUserRolesInput) -> User:
        admin = await info.context.require_role(Role.ADMIN)
        roles = [Role(r.value) for r in input.roles]
        accounts = info.context.services.accounts
        return own(await accounts.set_roles(admin, str(input.user_id), roles))

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Delete the signed-in account and everything of it here.",
    )
    async def delete_account(self, info: Info, input: DeleteAccountInput) -> bool:
        viewer = await signed_in(info)
        await info.context.services.accounts.delete(viewer.user_id, password=input.password)
        return True
